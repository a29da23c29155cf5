"""What the search page and the browse pages show for a query string: one function, `find`.

Search text, filters, sorting and paging are read from the GET parameters, each leniently:
anything unusable is ignored with a short note, never an error page.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from resources import vocabulary
from resources.facet_cache import cached_result
from resources.filters import FACET_PARAMETERS, ServiceFilterSet
from resources.geo import KM_PER_MILE
from resources.languages import language_name
from resources.models import Service
from resources.models.services import REMOTE_DELIVERY, prefetch_for_cards
from resources.places import PlaceNotFound, resolve_place
from resources.search import FEW_RESULTS, search

PAGE_SIZE = 20
SORTS = {
    "distance": gettext_lazy("Nearest"),
    "relevance": gettext_lazy("Best match"),
    "name": gettext_lazy("Name"),
    "verified": gettext_lazy("Recently verified"),
}
MAX_RELAXATIONS_TRIED = 8
DISTANCE_CHOICES = {"mi": [1, 2, 5, 10, 25, 50], "km": [2, 5, 10, 15, 25, 50, 100]}
DEFAULT_DISTANCE = {"mi": 10, "km": 15}
MAX_DISTANCE = {"mi": 250, "km": 400}
REACHABLE_SHOWN = 10


@dataclass
class SearchForm:
    """What the search box shows: the words, the place and the radius."""

    query: str = ""
    near: str = ""
    distance: float = 0
    distance_unit: str = ""
    place_error: PlaceNotFound | None = None

    def __post_init__(self):
        self.distance_unit = self.distance_unit or settings.DISTANCE_UNIT
        self.distance = self.distance or DEFAULT_DISTANCE[self.distance_unit]

    @property
    def distance_choices(self):
        return sorted({*DISTANCE_CHOICES[self.distance_unit], self.distance})

    @property
    def default_distance(self):
        return DEFAULT_DISTANCE[self.distance_unit]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    parameter: str
    label: str
    options: list

    @property
    def selected_count(self):
        return sum(option.selected for option in self.options)


@dataclass
class Chip:
    """An active filter, with the address of the same search without it."""

    label: str
    facet_label: str
    remove_url: str


@dataclass
class Relaxation:
    """The filter whose removal gives the most results, for an empty result page."""

    label: str
    count: int
    url: str


@dataclass
class Results:
    query: str
    sort: str
    page: object
    total: int
    facets: list
    chips: list
    notices: list = field(default_factory=list)
    corrected_query: str = ""
    clear_url: str = "?"
    relaxation: Relaxation | None = None
    reachable_anywhere: list = field(default_factory=list)
    form: SearchForm = field(default_factory=SearchForm)
    open_now: bool = False
    point: object = None
    reachable: list = field(default_factory=list)

    @property
    def services(self):
        return self.page.object_list

    @property
    def has_filters(self):
        return bool(self.chips)


def _urlencode(params):
    return "?" + urlencode([(key, value) for key, values in params.items() for value in values])


def _dropping(params, parameter, value):
    """`params` ({name: [values]}) with one value of one parameter left out."""
    return {
        key: [v for v in values if not (key == parameter and v == value)]
        for key, values in params.items()
    }


def _url_without(params, parameter, value):
    return _urlencode(_dropping(params, parameter, value))


def _page_number(raw, notices):
    try:
        return int(raw)
    except (TypeError, ValueError):
        if raw not in (None, ""):
            notices.append(_("That page number could not be read, so here is the first page."))
        return 1


def _distance(raw, unit, notices):
    """The radius asked for, in the deployment's unit, within sensible bounds."""
    if raw in (None, ""):
        return DEFAULT_DISTANCE[unit]
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not 0 < value <= MAX_DISTANCE[unit] or value != value:
        notices.append(
            _("Distance “%(raw)s” could not be used; searching within %(default)s %(unit)s.")
            % {"raw": raw[:20], "default": DEFAULT_DISTANCE[unit], "unit": unit}
        )
        return DEFAULT_DISTANCE[unit]
    return int(value) if value.is_integer() else value


def _default_sort(has_query, point):
    if point is not None:
        return "distance"
    return "relevance" if has_query else "name"


def _order(services, sort, has_query):
    if sort == "distance":
        return services.order_by("distance_km", "name")
    if sort == "relevance" and has_query:
        return services
    if sort == "verified":
        return services.order_by(F("assured_date").desc(nulls_last=True), "name")
    return services.order_by("name")


def find(params, base=None, preset=None):
    """Results for the GET parameters `params`; `preset` adds filters a browse page fixes."""
    notices = []
    data = params.copy()
    for key, values in (preset or {}).items():
        data.setlist(key, list(dict.fromkeys([*data.getlist(key), *values])))
    base_is_published = base is None
    base = base if base is not None else Service.objects.published()

    raw_query = data.get("q", "")
    # Spelling help waits until we know the results are few: see below.
    found = search(base, raw_query, snippets=True, spelling=False)
    if len(raw_query) > len(found.query) + 1:
        notices.append(_("Your search was shortened to its first 200 characters."))

    filterset = ServiceFilterSet(data, queryset=base)
    active = filterset.active
    for parameter, values in filterset.ignored.items():
        notices.append(
            ngettext(
                "Ignored an unknown %(filter)s: %(values)s.",
                "Ignored unknown %(filter)s values: %(values)s.",
                len(values),
            )
            % {"filter": filterset.filters[parameter].label, "values": ", ".join(values)}
        )

    unit = settings.DISTANCE_UNIT
    near = " ".join(data.get("near", "").split())[:100]
    point, place_error = None, None
    if near:
        try:
            point = resolve_place(near)
        except PlaceNotFound as error:
            place_error = error
    distance = _distance(data.get("distance"), unit, notices)
    radius_km = distance * KM_PER_MILE if unit == "mi" else distance

    default_sort = _default_sort(bool(found.query), point)
    sort = data.get("sort") or default_sort
    if sort not in SORTS or (sort == "distance" and point is None):
        if sort not in SORTS:
            notices.append(_("Unknown sort order; sorted by name."))
        sort = default_sort
    number = _page_number(data.get("page"), notices)

    def summarise():
        return _summarise(
            base, raw_query, found, filterset, point, radius_km, sort, number, base_is_published
        )

    if base_is_published:
        # What the search finds is the same for every visitor until the directory changes (or,
        # for "open now", the minute does): the next visitor is shown it from the cache.
        moment = timezone.now().strftime("%Y-%m-%dT%H:%M") if active.get("open_now") else ""
        place = (point.latitude, point.longitude, sorted(point.area_names)) if point else None
        # The query as parsed holds its synonyms: a curator's new synonym makes a new key.
        words = (found.query, repr(found.parsed))
        key = (*words, sorted(active.items()), place, radius_km, sort, number, moment)
        summary = cached_result("search", (*key, get_language()), summarise)
    else:
        summary = summarise()
    if summary.corrected:
        # The nearest words are in the cache by now: this reads nothing.
        found = search(base, raw_query, snippets=True, few=True)

    paginator = Paginator(Service.objects.none(), PAGE_SIZE)
    paginator.count = summary.total
    page = paginator.get_page(number)
    page.object_list = summary.services
    if page.number != number:
        notices.append(
            _("There is no page %(asked)s; showing page %(shown)s of %(pages)s.")
            % {"asked": number, "shown": page.number, "pages": paginator.num_pages}
        )

    kept = _kept(found.query, near, distance, active, sort, default_sort)
    facets, chips = _facets_and_chips(filterset, summary.counts, active, kept)
    results = Results(
        open_now=bool(active.get("open_now")),
        query=found.query,
        sort=sort,
        page=page,
        total=summary.total,
        facets=facets,
        chips=chips,
        notices=notices,
        corrected_query=found.corrected_query if found.corrections else "",
        clear_url=_urlencode({key: kept[key] for key in ("q", "near", "distance") if key in kept}),
        form=SearchForm(found.query, near, distance, unit, place_error),
        point=point,
        reachable=summary.reachable,
    )
    if results.total == 0:
        if summary.relaxation is not None:
            parameter, value, count = summary.relaxation
            results.relaxation = _relaxation(filterset, kept, parameter, value, count)
        results.reachable_anywhere = _reachable_anywhere(base, cacheable=base_is_published)
    # The cards of every list on the page read their details together: a query a kind of
    # record whatever the lists.
    prefetch_for_cards([*page.object_list, *results.reachable, *results.reachable_anywhere])
    return results


@dataclass
class _Summary:
    """What a search finds, without the cards' details: what the cache keeps of it."""

    total: int
    corrected: bool
    counts: tuple
    services: list
    reachable: list
    relaxation: tuple | None


def _summarise(base, raw_query, found, filterset, point, radius_km, sort, number, published):
    active = filterset.active
    services, matching = _listing(found, filterset, active, point, radius_km, sort)
    paginator = Paginator(services.select_related("organization"), PAGE_SIZE)
    corrected = False
    if paginator.count < FEW_RESULTS and found.parsed.plain_words:
        correction = search(base, raw_query, snippets=True, few=True)
        if correction.corrections:
            found, corrected = correction, True
            services, matching = _listing(found, filterset, active, point, radius_km, sort)
            paginator = Paginator(services.select_related("organization"), PAGE_SIZE)
    # Counts over all published services depend on the filters alone: those are kept apart too.
    counts_cacheable = published and not found.parsed and point is None
    reachable = []
    if point is not None:
        in_person = services.order_by().values("pk")
        reaching = filterset.apply(found.services, active).reaching(point)
        reaching = reaching.exclude(pk__in=in_person).select_related("organization")
        reachable = list(reaching[:REACHABLE_SHOWN])
    total = paginator.count
    return _Summary(
        total=total,
        corrected=corrected,
        counts=filterset.counts(matching, cacheable=counts_cacheable),
        services=list(paginator.get_page(number).object_list),
        reachable=reachable,
        relaxation=_best_relaxation(filterset, matching, active) if total == 0 else None,
    )


def _kept(query, near, distance, active, sort, default_sort):
    """The parameters of the search as it was understood, for the links that change it."""
    unit = settings.DISTANCE_UNIT
    kept = {"q": [query]} if query else {}
    if near:
        kept["near"] = [near]
        if distance != DEFAULT_DISTANCE[unit]:
            kept["distance"] = [str(distance)]
    kept.update(active)
    if sort != default_sort:
        kept["sort"] = [sort]
    return kept


def _reachable_anywhere(base, *, cacheable):
    """A few services people can use from anywhere, for a search that found nothing: the same
    for every visitor, so kept in the cache (the cards' details are read afresh)."""

    def first_few():
        remote = base.with_terms_of(vocabulary.DELIVERY, REMOTE_DELIVERY)
        return list(remote.select_related("organization")[:5])

    if not cacheable:
        return first_few()
    return cached_result("reachable-anywhere", (), first_few)


def _listing(found, filterset, active, point, radius_km, sort):
    """The filtered, ordered services, and the unordered set the facets count over."""
    matching = found.matching
    services = filterset.apply(found.services, active)
    if point is not None:
        services = services.near(point, radius_km)
        matching = matching.filter(pk__in=matching.near(point, radius_km).values("pk"))
    return _order(services, sort, bool(found.query)), matching


def _facets_and_chips(filterset, counts, active, kept):
    term_counts, language_counts = counts
    facets, chips = [], []
    for parameter in FACET_PARAMETERS:
        label = filterset.filters[parameter].label
        selected = set(active.get(parameter, []))
        options = [
            FacetOption(term.code, term.label, term_counts.get(term.pk, 0), term.code in selected)
            for term in filterset.terms
            if term.taxonomy.name == FACET_PARAMETERS[parameter]
        ]
        facets.append(Facet(parameter, label, options))
    selected_languages = set(active.get("language", []))
    language_options = sorted(
        (
            FacetOption(
                code, language_name(code), language_counts.get(code, 0), code in selected_languages
            )
            for code in set(language_counts) | selected_languages
        ),
        key=lambda option: (option.value != "en", option.label),
    )
    facets.append(Facet("language", filterset.filters["language"].label, language_options))

    if active.get("open_now"):
        label = str(filterset.filters["open_now"].label)
        chips.append(Chip(label, "", _url_without(kept, "open_now", "1")))
    for facet in facets:
        for option in facet.options:
            if option.selected:
                remove_url = _url_without(kept, facet.parameter, option.value)
                chips.append(Chip(option.label, facet.label, remove_url))
    return facets, chips


def _best_relaxation(filterset, matching, active):
    """(parameter, value, count) of the filter whose removal gives the most results, or None."""
    candidates = [(parameter, value) for parameter, values in active.items() for value in values]
    # A count per active value, all in one query; a handful is plenty to find the most
    # restrictive one.
    candidates = candidates[:MAX_RELAXATIONS_TRIED]
    if not candidates:
        return None
    counts = matching.order_by().aggregate(
        **{
            f"without_{index}": Count(
                "pk",
                filter=Q(
                    pk__in=filterset.apply(matching, _dropping(active, parameter, value))
                    .order_by()
                    .values("pk")
                ),
            )
            for index, (parameter, value) in enumerate(candidates)
        }
    )
    best = None
    for index, (parameter, value) in enumerate(candidates):
        count = counts[f"without_{index}"]
        if count and (best is None or count > best[2]):
            best = (parameter, value, count)
    return best


def _relaxation(filterset, kept, parameter, value, count):
    if parameter == "open_now":
        label = filterset.filters["open_now"].label
    elif parameter == "language":
        label = language_name(value)
    else:
        label = dict(filterset.filters[parameter].extra["choices"]).get(value, value)
    return Relaxation(label=str(label), count=count, url=_url_without(kept, parameter, value))

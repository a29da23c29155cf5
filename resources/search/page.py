"""What the search page and the browse pages show for a query string: one function, `find`.

Search text, filters, sorting and paging are read from the GET parameters, each leniently:
anything unusable is ignored with a short note, never an error page. The words go to the search,
the filters to the FilterSet (search/filters.py), the radius, order and page to
ResultsOptionsForm; `find` puts their answers together in small steps below it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from resources import vocabulary
from resources.languages import language_name, name_order
from resources.models import Service
from resources.models.services import REMOTE_DELIVERY, prefetch_for_cards
from resources.places.resolve import PlaceNotFound
from resources.public import chooser
from resources.search import FEW_RESULTS, Search, search
from resources.search.crisis import is_crisis_search
from resources.search.facet_cache import cached_result
from resources.search.facet_words import NAMED_FACETS, facet_names, facet_values_named
from resources.search.filters import (
    DEFAULT_DISTANCE,
    FACET_PARAMETERS,
    ServiceFilterSet,
    read_distance,
    this_minute,
)

PAGE_SIZE = 20
SORTS = {
    "distance": gettext_lazy("Nearest"),
    "relevance": gettext_lazy("Best match"),
    "name": gettext_lazy("Name"),
    "verified": gettext_lazy("Recently verified"),
}
MAX_RELAXATIONS_TRIED = 8
DISTANCE_CHOICES = {"mi": [1, 2, 5, 10, 25, 50], "km": [2, 5, 10, 15, 25, 50, 100]}
REACHABLE_SHOWN = 10
# The filters a single checkbox turns on; they travel as "1".
YES_NO_FILTERS = ("open_now", "this_week")


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
class FacetOffer:
    """A filter that words of the query name, and the address of the search with the filter
    in place of those words."""

    label: str
    facet_label: str
    url: str


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
    this_week: bool = False
    point: object = None
    reachable: list = field(default_factory=list)
    facet_offers: list = field(default_factory=list)
    # The words say someone may be in danger: the page leads with the crisis line.
    crisis: bool = False
    # ...and nothing matched them, so the results are the crisis lines and services instead.
    crisis_support_instead: bool = False
    # The chooser's answers that led here, and what each says about the filters in force.
    chosen: list = field(default_factory=list)
    reasons: list = field(default_factory=list)

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


class ResultsOptionsForm(forms.Form):
    """How the results are shown: the radius around a place, the order and the page, each read
    leniently. A value that cannot be used gives way to the default, with a note in `notices`
    (in the order of the fields); the form is never invalid.

    The radius is the one the FilterSet's "near" searches within (both read it with
    read_distance); it is here for the note. The default order depends on the search: nearest
    first around a place, best match for words, else by name."""

    distance = forms.Field(required=False)
    sort = forms.Field(required=False)
    page = forms.Field(required=False)

    def __init__(self, data, *, has_query, point):
        super().__init__(data)
        self.point = point
        self.default_sort = _default_sort(has_query, point)
        self.notices = []
        self.full_clean()

    def clean_distance(self):
        raw = self.cleaned_data["distance"]
        unit = settings.DISTANCE_UNIT
        distance, unusable = read_distance(raw, unit)
        if unusable:
            self.notices.append(
                _("Distance “%(raw)s” could not be used; searching within %(default)s %(unit)s.")
                % {"raw": unusable, "default": distance, "unit": unit}
            )
        return distance

    def clean_sort(self):
        sort = self.cleaned_data["sort"] or self.default_sort
        if sort not in SORTS:
            self.notices.append(_("Unknown sort order; sorted by name."))
            return self.default_sort
        if sort == "distance" and self.point is None:
            return self.default_sort
        return sort

    def clean_page(self):
        raw = self.cleaned_data["page"]
        try:
            return int(raw)
        except (TypeError, ValueError):
            if raw not in (None, ""):
                self.notices.append(
                    _("That page number could not be read, so here is the first page.")
                )
            return 1


def _default_sort(has_query, point):
    if point is not None:
        return "distance"
    return "relevance" if has_query else "name"


def _order(services, sort, has_query):
    # Each order ends with the id: services alike in every other key (one name, one rank)
    # would come in any order, and paging through them repeat some and leave some out.
    if sort == "distance":
        return services.order_by("distance_km", "name", "id")
    if sort == "relevance" and has_query:
        return services
    if sort == "verified":
        return services.order_by(F("assured_date").desc(nulls_last=True), "name", "id")
    return services.order_by("name", "id")


def find(params, base=None, preset=None):
    """Results for the GET parameters `params`; `preset` adds filters a browse page fixes."""
    data = _with_preset(params, preset)
    published = base is None
    base = Service.objects.published() if published else base
    raw_query = data.get("q", "")
    # Spelling help waits until we know the results are few: see _summarise.
    found = search(base, raw_query, snippets=True, spelling=False)
    filterset = ServiceFilterSet(data, queryset=base)
    point = filterset.place.point
    options = ResultsOptionsForm(data, has_query=bool(found.parsed), point=point)
    notices = [*_query_notices(raw_query, found), *_ignored_notices(filterset), *options.notices]
    sort, number = options.cleaned_data["sort"], options.cleaned_data["page"]
    crisis = is_crisis_search(found.query)

    summary = _summary(base, raw_query, found, filterset, sort, number, crisis, published)
    if summary.corrected:
        # The nearest words are in the cache by now: this reads nothing.
        found = search(base, raw_query, snippets=True, few=True)
    page = _page(summary, number, notices)
    kept = _kept(found.query, filterset.place, filterset.active, sort, options.default_sort)
    chosen = chooser.chosen(data)
    if chosen:
        kept[chooser.CHOSE] = chosen
    results = _results(
        found, filterset, summary, page, kept, notices, sort=sort, crisis=crisis, chosen=chosen
    )
    if results.total == 0:
        if summary.relaxation is not None:
            parameter, value, count = summary.relaxation
            results.relaxation = _relaxation(filterset, kept, parameter, value, count)
        results.reachable_anywhere = _reachable_anywhere(base, cacheable=published)
    # The cards of every list on the page read their details together: a query a kind of
    # record whatever the lists.
    prefetch_for_cards([*page.object_list, *results.reachable, *results.reachable_anywhere])
    return results


def _with_preset(params, preset):
    """A copy of the GET parameters, with the filters a browse page fixes added."""
    data = params.copy()
    for key, values in (preset or {}).items():
        data.setlist(key, list(dict.fromkeys([*data.getlist(key), *values])))
    return data


def _query_notices(raw_query, found):
    """What became of the search words: shortened, or all too common to search for."""
    notices = []
    if len(raw_query) > len(found.query) + 1:
        notices.append(_("Your search was shortened to its first 200 characters."))
    if found.parsed.ignored and not found.parsed:
        notices.append(
            _("Words as common as “%(words)s” are left out of a search, so here is every service.")
            % {"words": " ".join(found.parsed.ignored)}
        )
    return notices


def _ignored_notices(filterset):
    """A note for each filter some of whose values are unknown."""
    return [
        ngettext(
            "Ignored an unknown %(filter)s: %(values)s.",
            "Ignored unknown %(filter)s values: %(values)s.",
            len(values),
        )
        % {"filter": filterset.label(parameter), "values": ", ".join(values)}
        for parameter, values in filterset.ignored.items()
    ]


def _summary(base, raw_query, found, filterset, sort, number, crisis, published):
    """What the search finds for this page, from the cache when the base is the published
    services."""

    def summarise():
        return _summarise(
            base, raw_query, found, filterset, sort, number, crisis=crisis, published=published
        )

    if not published:
        return summarise()
    # What the search finds is the same for every visitor until the directory changes (or, for
    # the filters by time, the minute does): the next visitor is shown it from the cache.
    active, place = filterset.active, filterset.place
    point = place.point
    timed = any(active.get(name) for name in YES_NO_FILTERS)
    moment = this_minute().isoformat() if timed else ""
    where = (point.latitude, point.longitude, sorted(point.area_names)) if point else None
    # The query as parsed holds its synonyms: a curator's new synonym makes a new key.
    words = (found.query, repr(found.parsed), crisis)
    key = (*words, sorted(active.items()), where, place.radius_km, sort, number, moment)
    return cached_result("search", (*key, get_language()), summarise)


def _page(summary, number, notices):
    """The page of results asked for, or the nearest there is (with a note saying so)."""
    paginator = Paginator(Service.objects.none(), PAGE_SIZE)
    paginator.count = summary.total
    page = paginator.get_page(number)
    page.object_list = summary.services
    if page.number != number:
        notices.append(
            _("There is no page %(asked)s; showing page %(shown)s of %(pages)s.")
            % {"asked": number, "shown": page.number, "pages": paginator.num_pages}
        )
    return page


def _results(found, filterset, summary, page, kept, notices, *, sort, crisis, chosen):
    """The page's results, with the facets, chips and links made from what was kept."""
    active, place = filterset.active, filterset.place
    facets, chips = _facets_and_chips(filterset, summary.counts, active, kept)
    results = Results(
        open_now=bool(active.get("open_now")),
        this_week=bool(active.get("this_week")),
        query=found.query,
        sort=sort,
        page=page,
        total=summary.total,
        facets=facets,
        chips=chips,
        notices=notices,
        corrected_query=found.corrected_query if found.corrections else "",
        clear_url=_urlencode({key: kept[key] for key in ("q", "near", "distance") if key in kept}),
        form=SearchForm(found.query, place.text, place.distance, place.unit, place.error),
        point=place.point,
        reachable=summary.reachable,
        facet_offers=_facet_offers(found.query, facets, kept) if found.parsed else [],
        # An answer of the chooser ("I am not safe right now") leads with the crisis line too.
        crisis=crisis or chooser.points_at_crisis(chosen),
        crisis_support_instead=summary.crisis_support_instead,
        chosen=chosen,
    )
    if chosen:
        labels = {(f.parameter, o.value): o.label for f in facets for o in f.options}
        results.reasons = chooser.reasons(chosen, active, labels, kept)
    return results


@dataclass
class _Summary:
    """What a search finds, without the cards' details: what the cache keeps of it."""

    total: int
    corrected: bool
    crisis_support_instead: bool
    counts: tuple
    services: list
    reachable: list
    relaxation: tuple | None


def _summarise(base, raw_query, found, filterset, sort, number, *, crisis, published):
    active = filterset.active
    point = filterset.place.point
    services, matching = _listing(found, filterset, active, sort, crisis=crisis)
    paginator = Paginator(services.select_related("organization"), PAGE_SIZE)
    corrected = False
    # Spelling help would turn `want to die` into other words; the crisis lines answer instead.
    if paginator.count < FEW_RESULTS and found.parsed.plain_words and not crisis:
        correction = search(base, raw_query, snippets=True, few=True)
        if correction.corrections:
            found, corrected = correction, True
            services, matching = _listing(found, filterset, active, sort, crisis=crisis)
            paginator = Paginator(services.select_related("organization"), PAGE_SIZE)
    crisis_support_instead = crisis and paginator.count == 0
    if crisis_support_instead:
        found = _crisis_support_instead(base, found)
        # All of them are crisis support: nothing to put first.
        services, matching = _listing(found, filterset, active, sort, crisis=False)
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
        crisis_support_instead=crisis_support_instead,
        counts=filterset.counts(matching, cacheable=counts_cacheable),
        services=list(paginator.get_page(number).object_list),
        reachable=reachable,
        relaxation=_best_relaxation(filterset, matching, active) if total == 0 else None,
    )


def _kept(query, place, active, sort, default_sort):
    """The parameters of the search as it was understood, for the links that change it."""
    kept = {"q": [query]} if query else {}
    if place.text:
        kept["near"] = [place.text]
        if place.distance != DEFAULT_DISTANCE[place.unit]:
            kept["distance"] = [str(place.distance)]
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


def _listing(found, filterset, active, sort, *, crisis):
    """The filtered, ordered services, and the unordered set the facets count over."""
    matching = found.matching
    services = filterset.apply_near(filterset.apply(found.services, active))
    if filterset.place.point is not None:
        matching = matching.filter(pk__in=filterset.apply_near(matching).values("pk"))
    services = _order(services, sort, bool(found.parsed))
    if crisis:
        services = services.crisis_support_first()
    return services, matching


def _crisis_support_instead(base, found):
    """The crisis lines and services, for a crisis search whose words matched nothing: never
    an empty page for someone who may be in danger. The query is kept, for the links."""
    crisis_support = base.crisis_support()
    return Search(
        query=found.query,
        matching=crisis_support,
        services=crisis_support.order_by("name"),
        parsed=found.parsed,
    )


def _facets_and_chips(filterset, counts, active, kept):
    term_counts, language_counts = counts
    facets, chips = [], []
    for parameter in FACET_PARAMETERS:
        label = filterset.label(parameter)
        selected = set(active.get(parameter, []))
        options = [
            FacetOption(term.code, term.label, term_counts.get(term.pk, 0), term.code in selected)
            for term in filterset.facet_terms(parameter)
        ]
        facets.append(Facet(parameter, label, options))
    selected_languages = set(active.get("language", []))
    language_options = sorted(
        (
            FacetOption(
                code,
                capfirst(language_name(code)),
                language_counts.get(code, 0),
                code in selected_languages,
            )
            for code in set(language_counts) | selected_languages
        ),
        key=lambda option: (option.value != "en", name_order(option.label)),
    )
    facets.append(Facet("language", filterset.label("language"), language_options))

    for name in YES_NO_FILTERS:
        if active.get(name):
            label = str(filterset.label(name))
            chips.append(Chip(label, "", _url_without(kept, name, "1")))
    for facet in facets:
        for option in facet.options:
            if option.selected:
                remove_url = _url_without(kept, facet.parameter, option.value)
                chips.append(Chip(option.label, facet.label, remove_url))
    return facets, chips


def _facet_offers(query, facets, kept):
    """The filters the query's words name (`free`, `online`, `Spanish`), each one tap away:
    only values some of the results have, and not those already in force."""
    options = {
        (facet.parameter, option.value): (facet, option)
        for facet in facets
        if facet.parameter in NAMED_FACETS
        for option in facet.options
        if option.count and not option.selected
    }
    names = facet_names(
        [(parameter, value, o.label) for (parameter, value), (_f, o) in options.items()]
    )
    offers = []
    for parameter, value, rest in facet_values_named(query, names):
        facet, option = options[parameter, value]
        params = {**kept, "q": [rest] if rest else [], parameter: [*kept.get(parameter, []), value]}
        offers.append(FacetOffer(option.label, facet.label, _urlencode(params)))
    return offers


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
    if parameter in YES_NO_FILTERS:
        label = filterset.label(parameter)
    elif parameter == "language":
        label = capfirst(language_name(value))
    else:
        label = filterset.choice_label(parameter, value)
    return Relaxation(label=str(label), count=count, url=_url_without(kept, parameter, value))

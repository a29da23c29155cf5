"""The directory's filters, each rule written once: the search pages and the HSDS API narrow
services through the same Filter classes, and differ only in how they read their parameters.

`ServiceFilterSet`, the pages': OR within a facet and AND across facets. Unknown values are
dropped, not fatal: a visitor following an old link still gets results, and a short note says
what was ignored.

`ApiServiceFilterSet`, the API's: a bad value is refused with a message (a JSON 400); unknown
parameters are ignored, as HSDS leaves room for profiles to add their own.
"""

import math
import uuid
from dataclasses import dataclass

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.hsds.params import (
    MAX_PROXIMITY_METRES,
    ApiError,
    parse_boolean,
    parse_integer,
    parse_moment,
    parse_uuid,
)
from resources.languages import language_codes
from resources.models import Language, Service, TaxonomyTerm
from resources.places.geo import KM_PER_MILE
from resources.places.resolve import MAX_PLACE_LENGTH, PlaceNotFound, Point, resolve_place
from resources.search.facet_cache import cached_counts, facet_terms

FACET_PARAMETERS = {
    "support": vocabulary.SUPPORT,
    "kind": vocabulary.RESOURCE,
    "topic": vocabulary.TOPIC,
    "audience": vocabulary.AUDIENCE,
    "cost": vocabulary.COST,
    "delivery": vocabulary.DELIVERY,
}
MAX_VALUES_PER_FILTER = 20
# The radius around a place when none is asked for, in the deployment's unit: the pages' "near"
# and the API's "postcode" alike.
DEFAULT_DISTANCE = {"mi": 10, "km": 15}
MAX_DISTANCE = {"mi": 250, "km": 400}
KM_PER_UNIT = {"mi": KM_PER_MILE, "km": 1, "m": 1 / 1000}


def default_distance():
    """(distance, unit): how far from a place we look when not told."""
    return DEFAULT_DISTANCE[settings.DISTANCE_UNIT], settings.DISTANCE_UNIT


def read_distance(raw, unit):
    """(distance, unusable) for the pages' radius `raw` in `unit`: the distance asked for, or the
    default one with the text that could not be used ("" when it could, or none was asked)."""
    default = DEFAULT_DISTANCE[unit]
    if raw in (None, ""):
        return default, ""
    try:
        asked = float(raw)
    except ValueError:
        asked = None
    if asked is not None and not math.isnan(asked) and 0 < asked <= MAX_DISTANCE[unit]:
        return (int(asked) if asked.is_integer() else asked), ""
    return default, raw[:20]


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values, remembers the others in `ignored`."""

    widget = forms.CheckboxSelectMultiple

    def known_values(self):
        """What it accepts, as strings."""
        return {str(choice) for choice, _label in self.choices}

    def clean(self, value):
        known = self.known_values()
        values = [str(item) for item in (value or [])]
        self.ignored = [item[:50] for item in values if item not in known]
        kept = list(dict.fromkeys(item for item in values if item in known))
        return super().clean(kept[:MAX_VALUES_PER_FILTER])

    def validate(self, value):
        # clean() has kept known values only: MultipleChoiceField would look for each of them
        # in the choices again.
        forms.Field.validate(self, value)


class LenientLanguageField(LenientMultipleChoiceField):
    """Language codes, looked up among the ~7,900 languages kept rather than offered as choices
    (which Django would list again for every request: 10 ms of each search)."""

    def known_values(self):
        return language_codes()


class CheckboxField(forms.BooleanField):
    """A yes/no filter of the pages: on for any value its checkbox sends."""

    widget = forms.CheckboxInput(check_test=bool)


class ApiValueField(forms.Field):
    """One API parameter, read by its parser in resources.hsds.params: a bad value is invalid
    with the parser's message. `parameter` (the name the message gives) is set by the FilterSet."""

    widget = forms.TextInput

    def __init__(self, *, parse, parameter="", **kwargs):
        super().__init__(**kwargs)
        self.parse = parse
        self.parameter = parameter

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.parse(value, self.parameter)
        except ApiError as error:
            raise ValidationError(error.message, code="invalid") from None


@dataclass(frozen=True)
class PlaceAndRadius:
    """Where to look from and how far. `point` is None when no place was given, or (on the
    pages, which show `error` in the search box) when it was not found."""

    text: str
    distance: float
    unit: str
    point: Point | None = None
    error: PlaceNotFound | None = None

    @property
    def radius_km(self):
        return self.distance * KM_PER_UNIT[self.unit]


class PlaceAndRadiusWidget(forms.Widget):
    """Reads two parameters: the place, under the filter's own name, and its radius."""

    def __init__(self, radius_parameter, attrs=None):
        super().__init__(attrs)
        self.radius_parameter = radius_parameter

    def value_from_datadict(self, data, files, name):
        return data.get(name), data.get(self.radius_parameter)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and self.radius_parameter not in data


class PlaceAndRadiusField(forms.Field):
    """The pages' place and radius, in the deployment's unit. Never invalid: a place not found
    keeps its error for the search box, and an unusable radius gives way to the default."""

    def __init__(self, *, radius_parameter, **kwargs):
        kwargs.setdefault("widget", PlaceAndRadiusWidget(radius_parameter))
        super().__init__(**kwargs)

    def clean(self, value):
        raw_place, raw_distance = value
        place = " ".join((raw_place or "").split())[:MAX_PLACE_LENGTH]
        unit = settings.DISTANCE_UNIT
        distance, _unusable = read_distance(raw_distance, unit)
        point, error = None, None
        if place:
            try:
                point = resolve_place(place)
            except PlaceNotFound as not_found:
                error = not_found
        return PlaceAndRadius(place, distance, unit, point, error)


class ApiPlaceAndRadiusField(forms.Field):
    """The API's postcode (any place the site's "near" takes) and proximity, in metres as HSDS
    gives it; without a proximity, the pages' default radius. A place not found is invalid."""

    def __init__(self, *, radius_parameter, **kwargs):
        kwargs.setdefault("widget", PlaceAndRadiusWidget(radius_parameter))
        super().__init__(**kwargs)
        self.radius_parameter = radius_parameter

    def clean(self, value):
        raw_place, raw_proximity = value
        place = (raw_place or "").strip()[:MAX_PLACE_LENGTH]
        distance, unit = default_distance()
        if raw_proximity not in (None, ""):
            distance, unit = self._metres(raw_proximity), "m"
            if not place:
                raise ValidationError(gettext("proximity needs a postcode to measure from."))
        if not place:
            return None
        try:
            point = resolve_place(place)
        except PlaceNotFound as error:
            message = error.message
            if error.suggestions:
                places = "; ".join(error.suggestions)
                message += gettext(" Did you mean: %(places)s?") % {"places": places}
            raise ValidationError(message, code="not_found") from None
        return PlaceAndRadius(place, distance, unit, point)

    def _metres(self, raw):
        try:
            return parse_integer(raw, self.radius_parameter, 1, MAX_PROXIMITY_METRES)
        except ApiError as error:
            raise ValidationError(error.message, code="invalid") from None


class ServiceFilter(django_filters.Filter):
    """A filter over services: `filter` is its rule, `field_class` how its value is read (the
    pages leniently, the API strictly), so one rule serves both."""

    def __init__(self, *args, field_class=None, **kwargs):
        super().__init__(*args, **kwargs)
        if field_class is not None:
            self.field_class = field_class


class TermsFilter(ServiceFilter):
    """Services having any of the terms the value names."""

    def terms(self, value):
        """The terms named: term objects, ids or a queryset of terms."""
        raise NotImplementedError

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.with_any_term(self.terms(value))


class FacetFilter(TermsFilter, django_filters.MultipleChoiceFilter):
    """Terms of one taxonomy, by their codes."""

    field_class = LenientMultipleChoiceField

    def __init__(self, *args, taxonomy_name, **kwargs):
        self.taxonomy_name = taxonomy_name
        super().__init__(*args, **kwargs)

    def terms(self, value):
        # The terms' ids as values, from the terms the filter set has read: PostgreSQL then
        # plans by how many services each term has (a subquery for the ids hid that, and it
        # went through the 60,000 services of a common term to find the 2,500 of a rare one).
        terms = getattr(self.parent, "terms", None)
        if terms is None:
            return TaxonomyTerm.objects.filter(taxonomy__name=self.taxonomy_name, code__in=value)
        return [
            term.pk
            for term in terms
            if term.taxonomy.name == self.taxonomy_name and term.code in value
        ]


class TermIdFilter(TermsFilter):
    """One term, by its id."""

    def terms(self, value):
        return [value]


class TaxonomyFilter(TermsFilter):
    """Any term of one taxonomy, by the taxonomy's id."""

    def terms(self, value):
        return TaxonomyTerm.objects.filter(taxonomy_id=value)


class LanguageFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientLanguageField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=Language.objects.filter(code__in=value).values("service_id"))


def this_minute():
    """Now, to the minute, as opening hours are kept: every request of the same minute asks the
    same question, so the answers kept in the cache (resources.search.facet_cache) serve them
    all."""
    return timezone.now().replace(second=0, microsecond=0)


class OpenNowFilter(ServiceFilter):
    """Services open (or meeting) right now, by their schedules in the deployment's zone."""

    field_class = CheckboxField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.open_at(this_minute())


class OpenThisWeekFilter(ServiceFilter):
    """Services open (or meeting) at some time in the seven days from now."""

    field_class = CheckboxField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.open_this_week(this_minute())


class NearFilter(ServiceFilter):
    """Services with a place to visit within the radius of a place (a PlaceAndRadius), with
    the distance to their nearest one."""

    field_class = PlaceAndRadiusField

    def filter(self, qs, value):
        if not value or value.point is None:
            return qs
        return qs.near(value.point, value.radius_km)


class ServiceFilterSet(django_filters.FilterSet):
    support = FacetFilter(label=_("Kind of support"), taxonomy_name=vocabulary.SUPPORT)
    kind = FacetFilter(label=_("Kind of resource"), taxonomy_name=vocabulary.RESOURCE)
    topic = FacetFilter(label=_("Topic"), taxonomy_name=vocabulary.TOPIC)
    audience = FacetFilter(label=_("Who it is for"), taxonomy_name=vocabulary.AUDIENCE)
    cost = FacetFilter(label=_("Cost"), taxonomy_name=vocabulary.COST)
    delivery = FacetFilter(label=_("How it is delivered"), taxonomy_name=vocabulary.DELIVERY)
    language = LanguageFilter(label=_("Language"))
    open_now = OpenNowFilter(label=_("Open now"))
    this_week = OpenThisWeekFilter(label=_("Open or meeting this week"))
    # With "distance", its radius; shown in the search box rather than as a chip, so read
    # through `place` and `apply_near`, not `active` and `apply`.
    near = NearFilter(label=_("Near"), radius_parameter="distance")

    class Meta:
        model = Service
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # All facet terms, kept in the cache and shared by every facet's choices.
        self.terms = facet_terms()
        for parameter in FACET_PARAMETERS:
            self.filters[parameter].extra["choices"] = [
                (term.code, term.label) for term in self.facet_terms(parameter)
            ]

    def facet_terms(self, parameter):
        """The terms a facet (`support`, `cost`...) offers, in the order visitors see them."""
        taxonomy_name = FACET_PARAMETERS[parameter]
        return [term for term in self.terms if term.taxonomy.name == taxonomy_name]

    def label(self, parameter):
        """The filter's name, as visitors read it ("Cost", "Open now")."""
        return self.filters[parameter].label

    def choice_label(self, parameter, value):
        """What visitors call one value of a facet (its term's label), else the value itself."""
        return dict(self.filters[parameter].extra["choices"]).get(value, value)

    @property
    def active(self):
        """{parameter: [values]} of the filters in force, in the order visitors see them."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {
            # Yes/no filters travel as "1", like the checkbox that sets them.
            name: ["1"] if cleaned[name] is True else cleaned[name]
            for name in self.filters
            if cleaned.get(name) and name != "near"
        }

    @property
    def place(self):
        """The place and radius asked for (a PlaceAndRadius; its `point` None without one)."""
        self.is_valid()
        return self.form.cleaned_data["near"]

    def apply_near(self, queryset):
        return self.filters["near"].filter(queryset, self.place)

    @property
    def ignored(self):
        self.is_valid()
        return {
            name: field.ignored
            for name, field in self.form.fields.items()
            if getattr(field, "ignored", None)
        }

    def apply(self, queryset, active=None, skip=None):
        active = self.active if active is None else active
        for name, value in active.items():
            if name != skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def counts(self, matching, *, cacheable=False):
        """({term pk: count}, {language code: count}) over `matching`: for each facet's values,
        how many services they would give with the other filters as they are.

        `cacheable`: the caller vouches that `matching` depends on nothing but the filters (no
        search words, no place), so the counts can be kept for the next visitor.
        """
        active = self.active
        if not cacheable or "open_now" in active or "this_week" in active:
            return self._count(matching)
        return cached_counts("published", active, lambda: self._count(matching))

    def _count(self, matching):
        """One query: a GROUP BY over the services' terms for each set of services counted (the
        facets without an active filter share one, each facet with one counts without it), and
        one over their languages, put together with UNION ALL."""
        active = self.active
        taxonomies = {}
        for parameter, taxonomy_name in FACET_PARAMETERS.items():
            skip = parameter if parameter in active else None
            taxonomies.setdefault(skip, set()).add(taxonomy_name)
        links = Service.terms.through.objects
        counted = [
            links.filter(
                service_id__in=self.apply(matching, skip=skip).order_by().values("pk"),
                taxonomyterm_id__in=[
                    term.pk for term in self.terms if term.taxonomy.name in taxonomy_names
                ],
            )
            .order_by()
            .annotate(facet=Value("term"), value=Cast("taxonomyterm_id", CharField()))
            .values("facet", "value")
            .annotate(matches=Count("*"))
            for skip, taxonomy_names in taxonomies.items()
        ]
        counted.append(
            Language.objects.filter(
                service_id__in=self.apply(matching, skip="language").order_by().values("pk")
            )
            .order_by()
            .annotate(facet=Value("language"), value=F("code"))
            .values("facet", "value")
            .annotate(matches=Count("service_id", distinct=True))
        )
        terms, languages = {}, {}
        for facet, value, matches in (
            counted[0].union(*counted[1:], all=True).values_list("facet", "value", "matches")
        ):
            if facet == "term":
                terms[uuid.UUID(value)] = matches
            else:
                languages[value] = matches
        return terms, languages


class ApiServiceFilterSet(django_filters.FilterSet):
    """The HSDS API's filters of services and services at locations: the pages' rules, read
    strictly. `qs` raises ApiError (a JSON 400) with the first bad parameter's message."""

    taxonomy_term_id = TermIdFilter(field_class=ApiValueField, parse=parse_uuid)
    taxonomy_id = TaxonomyFilter(field_class=ApiValueField, parse=parse_uuid)
    organization_id = ServiceFilter(
        field_name="organization_id", field_class=ApiValueField, parse=parse_uuid
    )
    modified_after = ServiceFilter(
        field_name="modified", lookup_expr="gte", field_class=ApiValueField, parse=parse_moment
    )
    open_now = OpenNowFilter(field_class=ApiValueField, parse=parse_boolean)
    postcode = NearFilter(field_class=ApiPlaceAndRadiusField, radius_parameter="proximity")

    class Meta:
        model = Service
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # The messages name the parameter, as the client wrote it.
        for name, parameter_filter in self.filters.items():
            if issubclass(parameter_filter.field_class, ApiValueField):
                parameter_filter.extra["parameter"] = name

    @property
    def qs(self):
        self.refuse_bad_values()
        return super().qs

    @property
    def place(self):
        """The place and radius asked for (a PlaceAndRadius), or None."""
        self.refuse_bad_values()
        return self.form.cleaned_data["postcode"]

    def refuse_bad_values(self):
        if not self.is_valid():
            raise ApiError(next(iter(self.errors.values()))[0])

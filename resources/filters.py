"""The search page's filters: one FilterSet, OR within a facet and AND across facets.

Unknown values are dropped, not fatal: a visitor following an old link still gets results, and a
short note says what was ignored.
"""

import uuid

import django_filters
from django import forms
from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.facet_cache import cached_counts, facet_terms
from resources.languages import language_choices
from resources.models import Language, Service

FACET_PARAMETERS = {
    "support": vocabulary.SUPPORT,
    "kind": vocabulary.RESOURCE,
    "topic": vocabulary.TOPIC,
    "audience": vocabulary.AUDIENCE,
    "cost": vocabulary.COST,
    "delivery": vocabulary.DELIVERY,
}
MAX_VALUES_PER_FILTER = 20


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values, remembers the others in `ignored`."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        known = {str(choice) for choice, _label in self.choices}
        values = [str(item) for item in (value or [])]
        self.ignored = [item[:50] for item in values if item not in known]
        kept = list(dict.fromkeys(item for item in values if item in known))
        return super().clean(kept[:MAX_VALUES_PER_FILTER])


class FacetFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField

    def __init__(self, *args, taxonomy_name, **kwargs):
        self.taxonomy_name = taxonomy_name
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        # The terms' ids as values, from the terms the filter set has read: PostgreSQL then
        # plans by how many services each term has (a subquery for the ids hid that, and it
        # went through the 60,000 services of a common term to find the 2,500 of a rare one).
        terms = getattr(self.parent, "terms", None)
        if terms is None:
            return qs.with_terms_of(self.taxonomy_name, value)
        return qs.with_any_term(
            [
                term.pk
                for term in terms
                if term.taxonomy.name == self.taxonomy_name and term.code in value
            ]
        )


class LanguageFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=Language.objects.filter(code__in=value).values("service_id"))


class OpenNowFilter(django_filters.Filter):
    """Services open (or meeting) right now, by their schedules in the deployment's zone."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput(check_test=lambda value: bool(value)))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.open_at(timezone.now())


class OpenThisWeekFilter(django_filters.Filter):
    """Services open (or meeting) at some time in the seven days from now."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput(check_test=lambda value: bool(value)))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.open_this_week(timezone.now())


class ServiceFilterSet(django_filters.FilterSet):
    support = FacetFilter(label=_("Kind of support"), taxonomy_name=vocabulary.SUPPORT)
    kind = FacetFilter(label=_("Kind of resource"), taxonomy_name=vocabulary.RESOURCE)
    topic = FacetFilter(label=_("Topic"), taxonomy_name=vocabulary.TOPIC)
    audience = FacetFilter(label=_("Who it is for"), taxonomy_name=vocabulary.AUDIENCE)
    cost = FacetFilter(label=_("Cost"), taxonomy_name=vocabulary.COST)
    delivery = FacetFilter(label=_("How it is delivered"), taxonomy_name=vocabulary.DELIVERY)
    language = LanguageFilter(label=_("Language"), choices=language_choices)
    open_now = OpenNowFilter(label=_("Open now"))
    this_week = OpenThisWeekFilter(label=_("Open or meeting this week"))

    class Meta:
        model = Service
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # All facet terms, kept in the cache and shared by every facet's choices.
        self.terms = facet_terms()
        for parameter, taxonomy_name in FACET_PARAMETERS.items():
            self.filters[parameter].extra["choices"] = [
                (term.code, term.label)
                for term in self.terms
                if term.taxonomy.name == taxonomy_name
            ]

    @property
    def active(self):
        """{parameter: [values]} of the filters in force, in the order visitors see them."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {
            # Yes/no filters travel as "1", like the checkbox that sets them.
            name: ["1"] if cleaned[name] is True else cleaned[name]
            for name in self.filters
            if cleaned.get(name)
        }

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

"""Forms of the curators' admin."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.models import Phone, Schedule, Service, Taxonomy, TaxonomyTerm


class FacetTermsField(forms.ModelMultipleChoiceField):
    """The terms of one supportdir facet, as a group of checkboxes."""

    def __init__(self, taxonomy_name, **kwargs):
        self.taxonomy_name = taxonomy_name
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple(attrs={"class": "facet-choices"}))
        # The real label comes from Taxonomy.label when the form is built.
        kwargs.setdefault("label", _(vocabulary.FACETS[taxonomy_name]["label"]))
        super().__init__(TaxonomyTerm.objects.of(taxonomy_name), **kwargs)

    def label_from_instance(self, obj):
        return obj.label


class ServiceAdminForm(forms.ModelForm):
    """A service, with its taxonomy terms split into one checkbox group per facet.

    Service.terms holds every term of every taxonomy; curators pick ours by facet and any
    other taxonomy's (Open Eligibility, AIRS, a 211's own) through one autocomplete field.
    """

    facet_support = FacetTermsField(vocabulary.SUPPORT)
    facet_resource = FacetTermsField(vocabulary.RESOURCE)
    facet_topic = FacetTermsField(vocabulary.TOPIC)
    facet_audience = FacetTermsField(vocabulary.AUDIENCE)
    facet_delivery = FacetTermsField(vocabulary.DELIVERY)
    facet_cost = FacetTermsField(vocabulary.COST)
    other_terms = forms.ModelMultipleChoiceField(
        queryset=TaxonomyTerm.objects.exclude(taxonomy__name__in=vocabulary.FACETS).select_related(
            "taxonomy"
        ),
        required=False,
        widget=AutocompleteSelectMultiple(Service._meta.get_field("terms"), admin.site),
        label=_("Other taxonomy terms"),
        help_text=_("Terms of other taxonomies, such as Open Eligibility or a 211's own."),
    )
    verified_today = forms.BooleanField(
        required=False,
        label=_("I checked this entry with the provider today"),
        help_text=_("Records today's date and your name as the last verification."),
    )

    class Meta:
        model = Service
        # Not terms: the fields above fill them. Not assured_*: only "verified today" sets them.
        fields = [
            "name",
            "alternate_name",
            "slug",
            "organization",
            "status",
            "description",
            "alert",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "fees_description",
            "application_process",
            "url",
            "email",
            "is_sample",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for taxonomy in Taxonomy.objects.facets():
            field = self.fields.get(FACET_FIELDS_BY_TAXONOMY[taxonomy.name])
            if field is not None:
                field.label = taxonomy.label
        if not self.instance._state.adding:
            terms = list(self.instance.terms.select_related("taxonomy"))
            for field_name, taxonomy_name in FACET_FIELDS.items():
                self.initial.setdefault(
                    field_name, [term.pk for term in terms if term.taxonomy.name == taxonomy_name]
                )
            self.initial.setdefault(
                "other_terms", [term.pk for term in terms if not term.taxonomy.is_facet]
            )

    def _save_m2m(self):
        super()._save_m2m()
        term_fields = [*FACET_FIELDS, "other_terms"]
        # A form built without the term fields (a narrower admin view) must not wipe the terms.
        if not all(name in self.fields for name in term_fields):
            return
        self.instance.terms.set(
            [term for name in term_fields for term in self.cleaned_data.get(name) or []]
        )


FACET_FIELDS = {
    name: field.taxonomy_name
    for name, field in ServiceAdminForm.base_fields.items()
    if isinstance(field, FacetTermsField)
}
FACET_FIELDS_BY_TAXONOMY = {taxonomy: name for name, taxonomy in FACET_FIELDS.items()}


class PhoneAdminForm(forms.ModelForm):
    class Meta:
        model = Phone
        fields = [
            "number",
            "extension",
            "type",
            "description",
            "position",
            "service",
            "location",
            "organization",
        ]

    def clean(self):
        cleaned_data = super().clean()
        owners = [cleaned_data.get(name) for name in ("service", "location", "organization")]
        if sum(owner is not None for owner in owners) != 1:
            raise ValidationError(
                _("Choose exactly one of service, location or organisation for this number.")
            )
        return cleaned_data


class ScheduleAdminForm(forms.ModelForm):
    class Meta:
        model = Schedule
        fields = [
            "freq",
            "interval",
            "byday",
            "bymonthday",
            "dtstart",
            "until",
            "opens_at",
            "closes_at",
            "description",
            "service",
            "location",
        ]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("service") is None and cleaned_data.get("location") is None:
            raise ValidationError(_("Choose the service or the location these hours are for."))
        return cleaned_data

"""The service form of the admin: its terms as one checkbox group per facet, its Spanish twins."""

import uuid

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.admin.forms.records import (
    IN_SPANISH_ATTRS,
    StoredRecordForm,
)
from resources.curation.history import changes_since, is_reverted_version, terms_at_version
from resources.models import Service, TaxonomyTerm
from resources.models.services import SERVICE_HISTORY


class FacetChoices(ModelChoiceIterator):
    """A facet's checkboxes: the terms the form read for all six facets, when it did."""

    def __iter__(self):
        if self.field.terms is None:
            yield from super().__iter__()
            return
        for term in self.field.terms:
            yield self.choice(term)

    def __len__(self):
        return super().__len__() if self.field.terms is None else len(self.field.terms)

    def __bool__(self):
        return super().__bool__() if self.field.terms is None else bool(self.field.terms)


class FacetTermsField(forms.ModelMultipleChoiceField):
    """The terms of one supportdir facet, as a group of checkboxes.

    The form gives each field its terms (`terms`), read once for the six; without them the
    field reads its queryset, as any ModelMultipleChoiceField.
    """

    iterator = FacetChoices

    def __init__(self, taxonomy_name, **kwargs):
        self.taxonomy_name = taxonomy_name
        self.terms = None
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple(attrs={"class": "facet-choices"}))
        kwargs.setdefault("label", _(vocabulary.FACETS[taxonomy_name]["label"]))
        super().__init__(TaxonomyTerm.objects.of(taxonomy_name), **kwargs)

    def label_from_instance(self, obj):
        return obj.label

    def _check_values(self, value):
        if self.terms is None:
            return super()._check_values(value)
        by_pk = {str(term.pk): term for term in self.terms}
        chosen = []
        for pk in dict.fromkeys(value):
            self.validate_no_null_characters(pk)
            key = _uuid_text(pk)
            if key is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
            term = by_pk.get(key)
            if term is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
            chosen.append(term)
        return chosen


def _uuid_text(value):
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


# The Spanish twins of a service's text (issue 17), in the form's "In Spanish" section; typed
# in Spanish, so the browser checks their spelling in Spanish.
SERVICE_SPANISH_TWINS = [
    "name_es",
    "description_es",
    "alert_es",
    "eligibility_description_es",
    "fees_description_es",
    "application_process_es",
]


class ServiceAdminForm(StoredRecordForm):
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
    # The version this form was opened at: a save that started from an older one is refused.
    loaded_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Service
        # Not terms: the fields above fill them. Not assured_*: only "verified today" sets them.
        fields = [
            "name",
            "alternate_name",
            "slug",
            "organization",
            "program",
            "status",
            "description",
            "alert",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "fees_description",
            "application_process",
            *SERVICE_SPANISH_TWINS,
            "url",
            "email",
            "is_sample",
        ]
        # Short boxes, so the form fits on fewer screens; a curator can drag one taller.
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "alert": forms.Textarea(attrs={"rows": 2}),
            "eligibility_description": forms.Textarea(attrs={"rows": 3}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "name_es": forms.TextInput(attrs={**IN_SPANISH_ATTRS, "class": "vTextField"}),
            "description_es": forms.Textarea(attrs={**IN_SPANISH_ATTRS, "rows": 5}),
            "alert_es": forms.Textarea(attrs={**IN_SPANISH_ATTRS, "rows": 2}),
            "eligibility_description_es": forms.Textarea(attrs={**IN_SPANISH_ATTRS, "rows": 3}),
            "fees_description_es": forms.Textarea(attrs={**IN_SPANISH_ATTRS, "rows": 2}),
            "application_process_es": forms.Textarea(attrs={**IN_SPANISH_ATTRS, "rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        facet_fields = {
            taxonomy_name: self.fields[field_name]
            for field_name, taxonomy_name in FACET_FIELDS.items()
            if field_name in self.fields
        }
        if facet_fields:
            for field in facet_fields.values():
                field.terms = []
            for term in TaxonomyTerm.objects.facets_in_order():
                if term.taxonomy.name in facet_fields:
                    facet_fields[term.taxonomy.name].terms.append(term)
        # The terms the service has now; None for a new one or a reverted version.
        self._stored_term_ids = None
        if not self.instance._state.adding:
            terms = list(terms_at_version(self.instance))
            if not is_reverted_version(self.instance):
                self._stored_term_ids = {term.pk for term in terms}
            for field_name, taxonomy_name in FACET_FIELDS.items():
                self.initial.setdefault(
                    field_name, [term.pk for term in terms if term.taxonomy.name == taxonomy_name]
                )
            self.initial.setdefault(
                "other_terms", [term.pk for term in terms if not term.taxonomy.is_facet]
            )
            # From the stored row, when the form is shown: a reverted history version carries
            # its old number. A save reads it in clean(), locked.
            self.initial.setdefault("loaded_version", self._stored_version)

    def _stored_version(self, lock=False):
        rows = Service.objects.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance._state.adding and "loaded_version" in self.fields:
            self._refuse_a_lost_update(cleaned_data.get("loaded_version"))
        return cleaned_data

    def _refuse_a_lost_update(self, started_from):
        # Locked until the admin's transaction ends, so two saves cannot both pass this check
        # (ServiceAdmin.get_object read the row so).
        if getattr(self.instance, "version_locked", False):
            stored = self.instance.version
        else:
            stored = self._stored_version(lock=True)
        self.initial["loaded_version"] = stored
        if started_from is None:
            raise ValidationError(
                _("This form was sent without the version it was opened at. Open it again.")
            )
        if started_from != stored:
            raise ValidationError(
                [
                    ValidationError(message, code="edit_conflict")
                    for message in changes_since(self.instance.pk, started_from).as_messages()
                ]
            )

    def _save_m2m(self):
        try:
            self._save_terms()
        finally:
            # The service's new history row (ServiceAdmin.save_model deferred it) takes the
            # terms as they now are.
            SERVICE_HISTORY.take_deferred_terms_snapshot(self.instance)

    def _save_terms(self):
        super()._save_m2m()
        term_fields = [*FACET_FIELDS, "other_terms"]
        # A form built without the term fields (a narrower admin view) must not wipe the terms.
        if not all(name in self.fields for name in term_fields):
            return
        chosen = {term.pk for name in term_fields for term in self.cleaned_data.get(name) or []}
        if self._stored_term_ids is None:
            self.instance.terms.set(chosen)
            return
        # What the curator changed, for imports to keep (resources.hsds.provenance).
        self.terms_added, self.terms_removed = (
            chosen - self._stored_term_ids,
            (self._stored_term_ids - chosen),
        )
        # The terms it has were read for this form, and another save since would have been
        # refused in clean(): only the difference is written, as set() would after reading
        # them again.
        if removed := self._stored_term_ids - chosen:
            self.instance.terms.remove(*removed)
        if added := chosen - self._stored_term_ids:
            self.instance.terms.add(*added)


FACET_FIELDS = {
    name: field.taxonomy_name
    for name, field in ServiceAdminForm.base_fields.items()
    if isinstance(field, FacetTermsField)
}
FACET_FIELDS_BY_TAXONOMY = {taxonomy: name for name, taxonomy in FACET_FIELDS.items()}

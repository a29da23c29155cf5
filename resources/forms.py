"""Forms of the curators' admin."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.history import changes_since, terms_at_version
from resources.models import Phone, Schedule, Service, Taxonomy, TaxonomyTerm
from resources.schedules import DAY_CODES, parse_byday


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
            terms = list(terms_at_version(self.instance))
            for field_name, taxonomy_name in FACET_FIELDS.items():
                self.initial.setdefault(
                    field_name, [term.pk for term in terms if term.taxonomy.name == taxonomy_name]
                )
            self.initial.setdefault(
                "other_terms", [term.pk for term in terms if not term.taxonomy.is_facet]
            )
            # From the stored row: a reverted history version carries its old number.
            self.initial.setdefault("loaded_version", self._stored_version())

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
        # Locked until the admin's transaction ends, so two saves cannot both pass this check.
        stored = self._stored_version(lock=True)
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


WEEKDAY_CHOICES = [(code, WEEKDAYS[number]) for number, code in enumerate(DAY_CODES)]
WEEK_OF_MONTH_CHOICES = [
    ("", "—"),
    ("1", _("1st")),
    ("2", _("2nd")),
    ("3", _("3rd")),
    ("4", _("4th")),
    ("-1", _("last")),
]


class ScheduleRuleForm(forms.ModelForm):
    """A schedule in plain fields: day checkboxes for weekly rules, "which week" and a day for
    monthly ones ("every 2nd Tuesday").

    They write `byday`, which stays editable for what they cannot say (2TU,4TU or 1MO,-1FR):
    when the plain fields are left as they were, the typed rule is kept.
    """

    weekdays = forms.MultipleChoiceField(
        label=_("Days (weekly)"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "weekday-choices"}),
        help_text=_("None ticked means every day."),
    )
    month_week = forms.ChoiceField(
        label=_("Which week (monthly)"), choices=WEEK_OF_MONTH_CHOICES, required=False
    )
    month_weekday = forms.ChoiceField(
        label=_("Day (monthly)"), choices=[("", "—"), *WEEKDAY_CHOICES], required=False
    )

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
        ]
        labels = {"byday": _("Days as a rule (advanced)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = parse_byday(self.instance.byday) if self.instance.byday else []
        if self.instance.freq == Schedule.Frequency.MONTHLY:
            if len(days) == 1 and days[0][0] in (1, 2, 3, 4, -1):
                ordinal, weekday = days[0]
                self.initial.setdefault("month_week", str(ordinal))
                self.initial.setdefault("month_weekday", DAY_CODES[weekday])
        elif all(ordinal is None for ordinal, _weekday in days):
            self.initial.setdefault("weekdays", [DAY_CODES[weekday] for _o, weekday in days])

    def clean(self):
        cleaned_data = super().clean()
        changed = set(self.changed_data)
        freq = cleaned_data.get("freq")
        if freq == Schedule.Frequency.WEEKLY and "weekdays" in changed:
            chosen = set(cleaned_data.get("weekdays") or ())
            cleaned_data["byday"] = ",".join(code for code in DAY_CODES if code in chosen)
        elif freq == Schedule.Frequency.MONTHLY and changed & {"month_week", "month_weekday"}:
            week, weekday = cleaned_data.get("month_week"), cleaned_data.get("month_weekday")
            if week and weekday:
                cleaned_data["byday"] = f"{week}{weekday}"
            else:
                self.add_error(
                    "month_weekday" if week else "month_week",
                    _("Choose both the week and the day, e.g. 2nd and Tuesday."),
                )
        return cleaned_data


class ScheduleAdminForm(ScheduleRuleForm):
    class Meta(ScheduleRuleForm.Meta):
        fields = [*ScheduleRuleForm.Meta.fields, "service", "location"]

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("service") is None and cleaned_data.get("location") is None:
            raise ValidationError(_("Choose the service or the location these hours are for."))
        return cleaned_data

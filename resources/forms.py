"""Forms of the curators' admin."""

import uuid

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from resources import vocabulary
from resources.curation.history import changes_since, is_reverted_version, terms_at_version
from resources.models import Phone, Schedule, Service, TaxonomyTerm
from resources.models.services import SERVICE_HISTORY
from resources.schedules.words import DAY_CODES, in_calendar_order, parse_byday, parse_time


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


class StoredRecordForm(forms.ModelForm):
    """A record's form that checks against the database only what the curator changed.

    A stored record's unique and check constraints held when it was saved, and the database
    holds them still: a record sent back as it was is not checked again, and of one edited only
    the unique fields (or sets of fields) that changed are. A page of a dozen rows with one
    edited asks about one.
    """

    def _is_stored_and_unchanged(self):
        return not self.instance._state.adding and not self.has_changed()

    def validate_unique(self):
        if self._is_stored_and_unchanged():
            return
        exclude = self._get_validation_exclusions()
        if not self.instance._state.adding:
            exclude |= self._unchanged_unique_fields(exclude)
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)

    def _unchanged_unique_fields(self, exclude):
        """The fields of the unique checks none of whose fields changed: compared as the record
        now holds them (clean() may have set them) with what the form was opened with."""
        unique_checks, _date_checks = self.instance._get_unique_checks(exclude=exclude)
        changed = {
            name
            for name in self.fields
            if name in self.changed_data
            or name not in self.initial
            or _model_value(self.instance, name) != self.initial[name]
        }
        unchanged, touched = set(), set()
        for _model_class, fields in unique_checks:
            (touched if changed.intersection(fields) else unchanged).update(fields)
        return unchanged - touched

    def validate_constraints(self):
        if not self._is_stored_and_unchanged():
            super().validate_constraints()


def _model_value(instance, name):
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field.value_from_object(instance)


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
IN_SPANISH_ATTRS = {"lang": "es"}
SPANISH_TWINS_DESCRIPTION = _(
    "What Spanish pages show instead of the English above. Leave a box empty to show the "
    "English text there, marked as English. Give a name in Spanish only where the organisation "
    "itself uses one: without it, the name is shown as it is."
)


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
            "service_at_location",
            "contact",
        ]

    def clean(self):
        cleaned_data = super().clean()
        owners = ("service", "location", "organization", "service_at_location", "contact")
        if all(cleaned_data.get(name) is None for name in owners):
            raise ValidationError(
                _("Choose the service, location, organisation or contact this number belongs to.")
            )
        return cleaned_data


WEEKDAY_CHOICES = [(code, WEEKDAYS[number]) for number, code in enumerate(DAY_CODES)]
WEEK_OF_MONTH_CHOICES = [
    ("1", _("1st")),
    ("2", _("2nd")),
    ("3", _("3rd")),
    ("4", _("4th")),
    ("-1", _("last")),
]


# Kept as HSDS gives them; valid_from and valid_to say when the hours apply.
SCHEDULE_HSDS_FIELDS = [
    "valid_from",
    "valid_to",
    "notes",
    "attending_type",
    "timezone",
    "wkst",
    "count",
    "byweekno",
    "byyearday",
    "schedule_link",
]


class LooseTimeField(forms.TimeField):
    """A time as people type it ("6:30 pm", "6.30pm", "18:30", "noon"); see parse_time."""

    default_error_messages = {
        "invalid": _("Enter a time such as 6:30 pm or 18:30."),
    }

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            parsed = parse_time(value)
            if parsed is not None:
                return parsed
        return super().to_python(value)


class ChecklistField(forms.MultipleChoiceField):
    """Ticked boxes; an empty value (none ticked, as some clients send it) is no choice."""

    def to_python(self, value):
        return [item for item in super().to_python(value) if item not in self.empty_values]

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        return super().has_changed(initial, [item for item in data or () if item])


class ScheduleRuleForm(forms.ModelForm):
    """A schedule in plain fields: day checkboxes for weekly rules, "which weeks" and a day for
    monthly ones ("2nd and 4th Tuesday").

    They write `byday`, which stays editable for what they cannot say (1MO,-1FR): when the plain
    fields are left as they were, the typed rule is kept. A combination the rule cannot hold as
    chosen (a week of the month on a weekly rule) is refused, never saved as something else.
    """

    weekdays = ChecklistField(
        label=_("Days (weekly)"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "weekday-choices"}),
        help_text=_("None ticked means every day."),
    )
    month_week = ChecklistField(
        label=_("Which weeks (monthly)"),
        choices=WEEK_OF_MONTH_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "weekday-choices"}),
        help_text=_("Tick several for e.g. the 2nd and 4th Tuesday."),
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
            "description_es",
            *SCHEDULE_HSDS_FIELDS,
        ]
        labels = {"byday": _("Days as a rule (advanced)")}
        widgets = {"description_es": forms.TextInput(attrs={**IN_SPANISH_ATTRS, "size": 60})}
        field_classes = {"opens_at": LooseTimeField, "closes_at": LooseTimeField}
        help_texts = {
            "opens_at": _("E.g. 9 am, 6:30 pm or 18:30. Leave both times empty for all day."),
            "closes_at": _("E.g. 5 pm. Earlier than the start means it runs past midnight."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = parse_byday(self.instance.byday) if self.instance.byday else []
        if self.instance.freq == Schedule.Frequency.MONTHLY:
            weeks = {str(ordinal) for ordinal, _weekday in days}
            weekdays = {weekday for _ordinal, weekday in days}
            if days and len(weekdays) == 1 and weeks <= {"1", "2", "3", "4", "-1"}:
                self.initial.setdefault(
                    "month_week", [code for code, _label in WEEK_OF_MONTH_CHOICES if code in weeks]
                )
                self.initial.setdefault("month_weekday", DAY_CODES[weekdays.pop()])
        elif all(ordinal is None for ordinal, _weekday in days):
            self.initial.setdefault("weekdays", [DAY_CODES[weekday] for _o, weekday in days])

    def clean(self):
        cleaned_data = super().clean()
        changed = set(self.changed_data)
        freq = cleaned_data.get("freq")
        weekdays = cleaned_data.get("weekdays") or []
        weeks, weekday = cleaned_data.get("month_week") or [], cleaned_data.get("month_weekday")
        if freq == Schedule.Frequency.WEEKLY:
            if weeks or weekday:
                self.add_error(
                    "month_week" if weeks else "month_weekday",
                    _(
                        "Weeks of the month are for monthly rules: choose “Monthly” to say "
                        "e.g. the 4th Tuesday, or clear them for every week."
                    ),
                )
            elif "weekdays" in changed:
                chosen = set(weekdays)
                cleaned_data["byday"] = ",".join(code for code in DAY_CODES if code in chosen)
        elif freq == Schedule.Frequency.MONTHLY:
            if weekdays:
                self.add_error(
                    "weekdays",
                    _(
                        "Days (weekly) are for weekly rules: for a monthly rule choose the weeks "
                        "and the day, e.g. 2nd and Tuesday, and untick these."
                    ),
                )
            elif changed & {"month_week", "month_weekday"}:
                if weeks and weekday:
                    cleaned_data["byday"] = ",".join(f"{week}{weekday}" for week in weeks)
                elif weeks or weekday:
                    self.add_error(
                        "month_weekday" if weeks else "month_week",
                        _("Choose both the weeks and the day, e.g. 2nd and Tuesday."),
                    )
        return cleaned_data


class ScheduleAdminForm(ScheduleRuleForm):
    class Meta(ScheduleRuleForm.Meta):
        fields = [*ScheduleRuleForm.Meta.fields, "service", "location", "service_at_location"]

    def clean(self):
        cleaned_data = super().clean()
        owners = ("service", "location", "service_at_location")
        if all(cleaned_data.get(name) is None for name in owners):
            raise ValidationError(_("Choose the service or the location these hours are for."))
        return cleaned_data


class StoredRowField(forms.ModelChoiceField):
    """The hidden id of an inline row: found among the rows its formset read for the page.

    Django's field reads each row again to validate its id, one query a row. An id that is not
    one of them (a row of another record, or one deleted since) is looked up as Django does.
    """

    def __init__(self, formset, *args, **kwargs):
        self.formset = formset
        super().__init__(*args, **kwargs)

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.formset = self.formset
        return result

    def to_python(self, value):
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        self.validate_no_null_characters(value)
        try:
            pk = self.queryset.model._meta.pk.to_python(value)
        except ValidationError:
            pk = None
        row = self.formset._existing_object(pk) if pk is not None else None
        return row if row is not None else super().to_python(value)


class LinkedRecordField(forms.ModelChoiceField):
    """A row's link to another record (a service's location): sent back unchanged, it is the
    record the row was read with, not read again by its id. RecordInlineFormSet gives each
    row's field that record (`current`); the inline reads it with the row (select_related)."""

    current = None

    def to_python(self, value):
        current = self.current
        if current is not None and value not in self.empty_values and str(value) == str(current.pk):
            return current
        return super().to_python(value)


class RecordInlineFormSet(forms.BaseInlineFormSet):
    """The rows of an inline, with ids checked against the rows already read."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field_name, field in form.fields.items():
            if isinstance(field, LinkedRecordField) and not form.instance._state.adding:
                link = form.instance._meta.get_field(field_name)
                if link.is_cached(form.instance):
                    field.current = link.get_cached_value(form.instance)
        name = self._pk_field.name
        field = form.fields.get(name)
        if type(field) is forms.ModelChoiceField:
            form.fields[name] = StoredRowField(
                self,
                field.queryset,
                initial=field.initial,
                required=field.required,
                widget=field.widget,
            )


class ScheduleInlineForm(StoredRecordForm, ScheduleRuleForm):
    pass


class ScheduleInlineFormSet(RecordInlineFormSet):
    """A record's schedules in calendar order (weekday, week of the month, time)."""

    def get_queryset(self):
        if not hasattr(self, "_calendar_rows"):
            self._calendar_rows = in_calendar_order(super().get_queryset())
        return self._calendar_rows

"""The admin's record forms and inline rows: what changed is checked, what was read is reused."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

from resources.models import Phone

# The Spanish twins of a record's text (issue 17), typed in Spanish: the browser checks their
# spelling in Spanish. The form's "In Spanish" section says what they are for.
IN_SPANISH_ATTRS = {"lang": "es"}
SPANISH_TWINS_DESCRIPTION = _(
    "What Spanish pages show instead of the English above. Leave a box empty to show the "
    "English text there, marked as English. Give a name in Spanish only where the organisation "
    "itself uses one: without it, the name is shown as it is."
)


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

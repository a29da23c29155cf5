"""The schedule forms of the admin: a schedule's rule in plain fields, alone or as a row."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from resources.admin.forms.records import IN_SPANISH_ATTRS, RecordInlineFormSet, StoredRecordForm
from resources.models import Schedule
from resources.schedules.words import DAY_CODES, in_calendar_order, parse_byday, parse_time

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


class ScheduleInlineForm(StoredRecordForm, ScheduleRuleForm):
    pass


class ScheduleInlineFormSet(RecordInlineFormSet):
    """A record's schedules in calendar order (weekday, week of the month, time)."""

    def get_queryset(self):
        if not hasattr(self, "_calendar_rows"):
            self._calendar_rows = in_calendar_order(super().get_queryset())
        return self._calendar_rows

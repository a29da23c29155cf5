import copy

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources.content_language import shown_text
from resources.models.base import IN_SPANISH_HELP, ChangeSetHistory, HSDSRecord
from resources.schedules.words import describe_schedule, parse_byday

WEEKDAY = r"(MO|TU|WE|TH|FR|SA|SU)"
BYDAY_PATTERN = rf"^([+-]?[1-5])?{WEEKDAY}(,([+-]?[1-5])?{WEEKDAY})*$"
BYMONTHDAY_PATTERN = r"^-?[0-9]{1,2}(,-?[0-9]{1,2})*$"


class Schedule(HSDSRecord):
    """Opening hours or a recurring meeting, in the RFC 5545 terms HSDS uses.

    Weekly hours: freq=WEEKLY, byday=MO,TU,WE, opens_at/closes_at. A meeting every other Tuesday:
    freq=WEEKLY, interval=2, byday=TU, dtstart on a first Tuesday. The second Tuesday of each
    month: freq=MONTHLY, byday=2TU; the last Friday: byday=-1FR. No times means all day, and
    closing before opening means the hours run past midnight.
    """

    class Frequency(models.TextChoices):
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")

    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        "resources.Location",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
        verbose_name=_("location"),
    )
    service_at_location = models.ForeignKey(
        "resources.ServiceAtLocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
        verbose_name=_("service at location"),
        help_text=_("Hours of the service at one of its places only."),
    )
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("The first day these hours apply; before it they are not current."),
    )
    valid_to = models.DateField(
        _("valid to"),
        null=True,
        blank=True,
        help_text=_("The last day these hours apply; after it they are past."),
    )
    freq = models.CharField(
        _("repeats"), max_length=7, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    interval = models.PositiveSmallIntegerField(
        _("every"),
        default=1,
        help_text=_("1 = every week (or month), 2 = every other week, and so on."),
    )
    byday = models.CharField(
        _("days"),
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(
                BYDAY_PATTERN,
                _(
                    "Use day codes separated by commas: MO,TU,WE. For the 2nd Tuesday write 2TU, "
                    "for the last Friday -1FR."
                ),
            )
        ],
        help_text=_("MO,TU,WE,TH,FR,SA,SU. Monthly: 2TU = second Tuesday, -1FR = last Friday."),
    )
    bymonthday = models.CharField(
        _("days of the month"),
        max_length=100,
        blank=True,
        validators=[
            RegexValidator(BYMONTHDAY_PATTERN, _("Use numbers separated by commas: 1,15."))
        ],
        help_text=_("Monthly only: 1,15 = the 1st and 15th; -1 = the last day."),
    )
    dtstart = models.DateField(
        _("starting"),
        null=True,
        blank=True,
        help_text=_("First date; sets the every-other-week rhythm."),
    )
    until = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Last date, if it ends.")
    )
    opens_at = models.TimeField(
        _("opens at / starts at"),
        null=True,
        blank=True,
        help_text=_("Leave both times empty for all day."),
    )
    closes_at = models.TimeField(
        _("closes at / ends at"),
        null=True,
        blank=True,
        help_text=_("Earlier than the opening time means it runs past midnight."),
    )
    description = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Anything the rule cannot say, e.g. closed on public holidays."),
    )
    description_es = models.CharField(
        _("note in Spanish"), max_length=300, blank=True, help_text=IN_SPANISH_HELP
    )
    # Kept as the file gives them (HSDS); the opening hours do not read these.
    notes = models.TextField(_("notes"), blank=True)
    attending_type = models.CharField(
        _("attending type"),
        max_length=200,
        blank=True,
        help_text=_("How people attend at these times, e.g. in person, online, by phone."),
    )
    timezone = models.DecimalField(
        _("time zone (UTC offset)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("As the source gave it, e.g. -5; hours are read in the directory's zone."),
    )
    wkst = models.CharField(
        _("week starts on"),
        max_length=2,
        blank=True,
        choices=[(day, day) for day in ("MO", "TU", "WE", "TH", "FR", "SA", "SU")],
    )
    count = models.PositiveIntegerField(
        _("number of occurrences"), null=True, blank=True, help_text=_("RFC 5545 COUNT.")
    )
    byweekno = models.CharField(_("weeks of the year"), max_length=200, blank=True)
    byyearday = models.CharField(_("days of the year"), max_length=200, blank=True)
    schedule_link = models.URLField(
        _("schedule link"), max_length=500, blank=True, help_text=_("A page with the timetable.")
    )

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["dtstart", "opens_at", "pk"]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(freq__in=["WEEKLY", "MONTHLY"]), name="schedule_freq_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(interval__gte=1), name="schedule_interval_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(byday="") | models.Q(byday__regex=BYDAY_PATTERN),
                name="schedule_byday_rfc5545",
            ),
            models.CheckConstraint(
                condition=models.Q(bymonthday="") | models.Q(bymonthday__regex=BYMONTHDAY_PATTERN),
                name="schedule_bymonthday_rfc5545",
            ),
            models.CheckConstraint(
                condition=models.Q(opens_at__isnull=True, closes_at__isnull=True)
                | models.Q(opens_at__isnull=False, closes_at__isnull=False),
                name="schedule_times_together",
                violation_error_message=_(
                    "Give both the opening and the closing time, or neither."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(dtstart__isnull=True)
                | models.Q(until__isnull=True)
                | models.Q(until__gte=models.F("dtstart")),
                name="schedule_until_not_before_start",
                violation_error_message=_("The last date cannot be before the first."),
            ),
            models.CheckConstraint(
                condition=models.Q(service__isnull=False)
                | models.Q(location__isnull=False)
                | models.Q(service_at_location__isnull=False),
                name="schedule_belongs_to_service_or_location",
                violation_error_message=_(
                    "A schedule belongs to a service, a location or a service at a location."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="schedule_valid_to_not_before_valid_from",
                violation_error_message=_("“Valid to” cannot be before “valid from”."),
            ),
            models.CheckConstraint(
                condition=models.Q(wkst__in=["", "MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
                name="schedule_wkst_valid",
            ),
        ]

    def __str__(self):
        return self.in_words

    def clean(self):
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValidationError(_("Give both the opening and the closing time, or neither."))
        if self.dtstart and self.until and self.until < self.dtstart:
            raise ValidationError({"until": _("The last date cannot be before the first.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("“Valid to” cannot be before “valid from”.")})
        if self.freq == self.Frequency.WEEKLY and self.bymonthday:
            raise ValidationError({"bymonthday": _("Days of the month are for monthly rules.")})
        if self.freq == self.Frequency.MONTHLY and not (self.byday or self.bymonthday):
            raise ValidationError(
                _("A monthly rule needs a day: 2TU for the second Tuesday, or a day of the month.")
            )
        self._clean_combination()

    def _clean_combination(self):
        """Refuse what would be read (and shown) as another rule than the one chosen."""
        try:
            days = parse_byday(self.byday)
        except ValueError:
            return  # The field's own validator says what is wrong.
        ordinals = {ordinal for ordinal, _weekday in days}
        if self.freq == self.Frequency.WEEKLY and ordinals - {None}:
            raise ValidationError(
                {
                    "byday": _(
                        "A week of the month (2TU) needs a monthly rule; a weekly rule would "
                        "meet every week. Choose “Monthly”, or give plain days (TU)."
                    )
                }
            )
        if self.freq == self.Frequency.MONTHLY:
            if None in ordinals:
                raise ValidationError(
                    {
                        "byday": _(
                            "Say which week of the month for each day (2TU, -1FR); for every "
                            "week choose “Weekly”."
                        )
                    }
                )
            if self.byday and self.bymonthday:
                raise ValidationError(
                    _(
                        "Give either weeks and a day (2nd Tuesday) or days of the month "
                        "(the 15th), not both."
                    )
                )
        if self.freq == self.Frequency.WEEKLY and (self.interval or 1) > 1 and not self.dtstart:
            raise ValidationError(
                {
                    "dtstart": _(
                        "Every %(count)s weeks needs the first date, so that the right weeks "
                        "are counted from it."
                    )
                    % {"count": self.interval}
                }
            )

    @property
    def in_words(self):
        return describe_schedule(self)

    @property
    def rule_in_words_alone(self):
        """The rule in words without the note, which describe_schedule adds as it is stored."""
        if not self.description:
            return describe_schedule(self)
        bare = copy.copy(self)
        bare.description = ""
        return describe_schedule(bare)

    @property
    def shown_note(self):
        """The note in the page's language (resources.content_language.ShownText)."""
        return shown_text(self, "description")

    @property
    def in_words_shown(self):
        """`in_words` as visitors read it (HTML): the note in the page's language, an English
        one on a Spanish page marked as English."""
        note = self.shown_note
        if not note:
            return self.rule_in_words_alone
        return format_html("{} ({})", self.rule_in_words_alone, note)

    def is_current(self, today):
        """Whether the local date `today` is within valid_from..valid_to (HSDS): outside them
        the schedule is past or not yet in force, and never makes a service open."""
        return not (
            (self.valid_from and today < self.valid_from)
            or (self.valid_to and today > self.valid_to)
        )


MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY


class CopiedScheduleOwners(models.Model):
    """The schedule's owners, copied so "open now" needs no join through the schedules."""

    service = models.ForeignKey(
        "resources.Service", on_delete=models.CASCADE, null=True, related_name="+"
    )
    location = models.ForeignKey(
        "resources.Location", on_delete=models.CASCADE, null=True, related_name="+"
    )

    class Meta:
        abstract = True


class OpeningSpan(CopiedScheduleOwners):
    """One stretch of a plain weekly schedule, as minutes of the week on the site's wall clock.

    Monday 00:00 is minute 0. A stretch never runs past midnight (hours that do are split in
    two), so "open now" looks only at the rows of today's minutes. Written by
    resources.schedules.open_now from the schedule; never edited by hand.
    """

    # No constraint: the importer deletes schedules in SQL, then refreshes these rows by owner.
    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, db_constraint=False, related_name="opening_spans"
    )
    start_minute = models.PositiveIntegerField()
    end_minute = models.PositiveIntegerField()

    class Meta:
        # The owners too, so PostgreSQL answers "open now" from the index alone.
        indexes = [models.Index(fields=["start_minute", "end_minute", "service", "location"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_minute__gte=0, end_minute__lte=MINUTES_PER_WEEK),
                name="opening_span_within_week",
            ),
            models.CheckConstraint(
                condition=models.Q(start_minute__lt=models.F("end_minute")),
                name="opening_span_start_before_end",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    end_minute__lte=models.F("start_minute") / MINUTES_PER_DAY * MINUTES_PER_DAY
                    + MINUTES_PER_DAY
                ),
                name="opening_span_within_one_day",
            ),
        ]

    def __str__(self):
        return f"{self.start_minute}-{self.end_minute}"


class OpeningOccurrence(CopiedScheduleOwners):
    """One concrete opening or meeting of a schedule that is not plain weekly hours (monthly,
    every other week, with first or last dates), materialised for the weeks ahead."""

    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, db_constraint=False, related_name="opening_occurrences"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")),
                name="opening_occurrence_start_before_end",
            ),
        ]

    def __str__(self):
        return f"{self.starts_at}-{self.ends_at}"

"""Opening hours as rows the database can filter, so "open now" is one SQL condition.

Plain weekly hours become OpeningSpan rows: minutes of the week on the site's wall clock, the
same whatever the date. Every other schedule (monthly, every other week, with a first or last
date) becomes OpeningOccurrence rows: concrete times for the days ahead, rewritten daily by
`manage.py refresh_opening_hours`.

The rows give the answers resources.schedules.opening gives, which stays the rule and is used
for the services a page shows. Around a daylight-saving change the wall clock and that rule part
ways for an hour (opening.py builds a time the change skips or repeats one particular way), so
for a few hours after each change the weekly hours are materialised as concrete times too and
"open now" reads only those.
"""

import json
from datetime import UTC, timedelta
from functools import lru_cache
from itertools import batched

from django.db import connection, models, transaction
from django.utils import timezone

from resources.models import OpeningOccurrence, OpeningSpan, Schedule, ServiceAtLocation
from resources.models.schedules import MINUTES_PER_DAY
from resources.schedules.opening import local_zone, occurrences
from resources.schedules.words import parse_byday

# How far ahead irregular schedules are materialised; the daily refresh keeps it ahead.
DAYS_AHEAD = 60
# After a daylight-saving change, how long "open now" reads concrete times only. Longer than any
# change of offset (an hour, or two in a few zones' past).
AFTER_CHANGE = timedelta(hours=3)
BATCH = 2000


def _window(now):
    now = now or timezone.now()
    return now - timedelta(days=1), now + timedelta(days=DAYS_AHEAD)


def _whole_minutes(value):
    return value is None or (value.second == 0 and value.microsecond == 0)


def is_plain_weekly(schedule, window_start):
    """Whether `schedule` is the same every week from the day before `window_start` on."""
    first_day = window_start.astimezone(local_zone()).date() - timedelta(days=1)
    return (
        schedule.freq == Schedule.Frequency.WEEKLY
        and (schedule.interval or 1) == 1
        and schedule.until is None
        and schedule.valid_to is None
        and (schedule.dtstart is None or schedule.dtstart < first_day)
        and (schedule.valid_from is None or schedule.valid_from < first_day)
        and _whole_minutes(schedule.opens_at)
        and _whole_minutes(schedule.closes_at)
    )


def _minute_of_day(value):
    return value.hour * 60 + value.minute


def weekly_spans(schedule):
    """[(start_minute, end_minute)] of a weekly schedule, split at midnight."""
    weekdays = sorted({weekday for _ordinal, weekday in parse_byday(schedule.byday)}) or range(7)
    if schedule.opens_at is None or schedule.closes_at is None:
        opens, closes = 0, MINUTES_PER_DAY
    else:
        opens, closes = _minute_of_day(schedule.opens_at), _minute_of_day(schedule.closes_at)
        if closes <= opens:
            closes += MINUTES_PER_DAY
    spans = []
    for weekday in weekdays:
        day = weekday * MINUTES_PER_DAY
        spans.append((day + opens, day + min(closes, MINUTES_PER_DAY)))
        if closes > MINUTES_PER_DAY:
            next_day = (weekday + 1) % 7 * MINUTES_PER_DAY
            spans.append((next_day, next_day + closes - MINUTES_PER_DAY))
    return spans


def _offset(moment):
    return moment.astimezone(local_zone()).utcoffset()


def just_after_change(moment):
    """Whether a daylight-saving change happened less than AFTER_CHANGE before `moment`."""
    return _offset(moment) != _offset(moment - AFTER_CHANGE)


def _changes_between(start, end):
    """Hours (UTC) within an hour after each change of offset between `start` and `end`."""
    return _hours_after_changes(_hour_of(start), _hour_of(end), local_zone())


def _hour_of(moment):
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


# Every schedule saved within the same hour asks for the same hours: a walk of 1,500 of them.
@lru_cache(maxsize=8)
def _hours_after_changes(first_hour, last_hour, zone):
    changes = []
    hour = first_hour
    while hour <= last_hour:
        if (
            hour.astimezone(zone).utcoffset()
            != (hour - timedelta(hours=1)).astimezone(zone).utcoffset()
        ):
            changes.append(hour)
        hour += timedelta(hours=1)
    return tuple(changes)


def _rows(schedule, window, changes):
    """The schedule's (spans, occurrences): tuples of the columns SPAN_COLUMNS and
    OCCURRENCE_COLUMNS name."""
    owners = (schedule.pk, schedule.service_id, schedule.location_id)
    if is_plain_weekly(schedule, window[0]):
        spans = [(*owners, start, end) for start, end in weekly_spans(schedule)]
        periods = [(change - timedelta(hours=1), change + AFTER_CHANGE) for change in changes]
    else:
        spans = []
        periods = [window]
    found = {
        (occurrence.start.astimezone(UTC), occurrence.end.astimezone(UTC))
        for start, end in periods
        for occurrence in occurrences(schedule, start, end)
    }
    return spans, [
        (*owners, start, end)
        for start, end in sorted(found)
        # A start in the hour a change skips can fall after the end: never open.
        if start < end
    ]


SPAN_COLUMNS = ("schedule_id", "service_id", "location_id", "start_minute", "end_minute")
OCCURRENCE_COLUMNS = ("schedule_id", "service_id", "location_id", "starts_at", "ends_at")


def _insert(model, columns, rows):
    """Insert `rows` (tuples of `columns`' values). PostgreSQL gets them as one JSON text: no
    model instances, and no value adapted one at a time in Python (issue 11)."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=BATCH
        )
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(column) for column in columns]
    values = ", ".join(
        f"CAST(row ->> {number} AS {field.db_type(connection)})"
        for number, field in enumerate(fields)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
            f"({', '.join(quote(field.column) for field in fields)}) "
            f"SELECT {values} FROM json_array_elements(CAST(%s AS json)) AS row",
            [json.dumps(rows, default=str)],
        )


def _write(schedules, now, skip=frozenset()):
    window = _window(now)
    changes = _changes_between(*window)
    for batch in batched(schedules.iterator(chunk_size=BATCH), BATCH):
        spans, found = [], []
        for schedule in batch:
            if schedule.pk in skip:
                continue
            schedule_spans, schedule_occurrences = _rows(schedule, window, changes)
            spans += schedule_spans
            found += schedule_occurrences
        _insert(OpeningSpan, SPAN_COLUMNS, spans)
        _insert(OpeningOccurrence, OCCURRENCE_COLUMNS, found)


def refresh_schedule(schedule, now=None):
    """Rewrite the rows of one schedule (after a curator saves it)."""
    with transaction.atomic():
        OpeningSpan.objects.filter(schedule_id=schedule.pk).delete()
        OpeningOccurrence.objects.filter(schedule_id=schedule.pk).delete()
        _write(Schedule.objects.filter(pk=schedule.pk), now)


def refresh_opening_spans(service_ids=None, *, location_ids=(), now=None):
    """Rewrite the rows of the schedules of `service_ids` and `location_ids`; of every schedule
    when `service_ids` is None. Call it after writing schedules in bulk (imports, loaders)."""
    with transaction.atomic():
        if service_ids is None:
            OpeningSpan.objects.all().delete()
            OpeningOccurrence.objects.all().delete()
            _write(Schedule.objects.order_by("pk"), now)
            return
        owners = [("service_id", list(service_ids)), ("location_id", list(location_ids))]
        # Deleted by owner, not by schedule: the importer deletes schedules in SQL.
        for field, ids in owners:
            for chunk in batched(ids, BATCH):
                OpeningSpan.objects.filter(**{f"{field}__in": chunk}).delete()
                OpeningOccurrence.objects.filter(**{f"{field}__in": chunk}).delete()
        written = set()
        for field, ids in owners:
            for chunk in batched(ids, BATCH):
                schedules = Schedule.objects.filter(**{f"{field}__in": chunk}).order_by("pk")
                # A schedule with a service and a location is written once.
                _write(schedules, now, skip=written)
                written.update(schedules.values_list("pk", flat=True))


def refresh_schedules(schedule_ids, now=None):
    """Rewrite the rows of the schedules with `schedule_ids`: those written or deleted in bulk
    (an import). A deleted schedule's rows go; a schedule given to another owner is written
    anew under it."""
    with transaction.atomic():
        for chunk in batched(schedule_ids, BATCH):
            OpeningSpan.objects.filter(schedule_id__in=chunk).delete()
            OpeningOccurrence.objects.filter(schedule_id__in=chunk).delete()
            _write(Schedule.objects.filter(pk__in=chunk).order_by("pk"), now)


def open_at(moment):
    """A condition on services: open (or meeting) at the aware datetime `moment`.

    The same rule as opening.schedules_of: a service's own schedules, else its locations'.
    """
    local = moment.astimezone(local_zone())
    day = local.weekday() * MINUTES_PER_DAY
    minute = day + local.hour * 60 + local.minute
    spans = OpeningSpan.objects.filter(
        start_minute__gte=day, start_minute__lte=minute, end_minute__gt=minute
    )
    if just_after_change(moment):
        spans = spans.none()
    current = OpeningOccurrence.objects.filter(starts_at__lte=moment, ends_at__gt=moment)
    return _open_by(spans, current)


def open_between(start, end):
    """A condition on services: open (or meeting) at some time from `start` to `end`, aware
    datetimes at most a week apart, so that any weekly hours fall within them.

    The same rule as opening.schedules_of: a service's own schedules, else its locations'.
    """
    if end - start > timedelta(days=7):
        raise ValueError("open_between() looks at a week at most")
    meeting = OpeningOccurrence.objects.filter(starts_at__lt=end, ends_at__gt=start)
    return _open_by(OpeningSpan.objects.all(), meeting)


def _open_by(spans, occurrences):
    """A condition on services: one of `spans` or `occurrences` is theirs, or, for a service
    without schedules of its own, one of its locations'."""
    # One uncorrelated subquery, worked out once however many times the condition is used
    # (the facet counts repeat it).
    open_locations = (
        spans.exclude(location=None)
        .values("location_id")
        .union(occurrences.exclude(location=None).values("location_id"), all=True)
    )
    at_open_locations = ServiceAtLocation.objects.filter(location__in=open_locations).exclude(
        models.Exists(Schedule.objects.filter(service=models.OuterRef("service_id")))
    )
    open_ids = (
        spans.exclude(service=None)
        .values("service_id")
        .union(
            occurrences.exclude(service=None).values("service_id"),
            at_open_locations.values("service_id"),
            all=True,
        )
    )
    return models.Q(pk__in=open_ids)


def _schedule_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_schedule(instance)


def connect():
    models.signals.post_save.connect(
        _schedule_saved, sender=Schedule, dispatch_uid="opening_index_schedule_saved"
    )

"""When services are open and when groups meet: RFC 5545 schedules expanded into real times.

Rules are expanded on local wall-clock dates and times in the deployment's zone
(settings.TIME_ZONE), then localized, so 19:00 stays 19:00 on both sides of a daylight-saving
change. Aware datetimes are compared in UTC: Python compares two datetimes sharing one tzinfo
by their wall-clock fields, which is wrong across a change.

Which schedules count for a service: its own, when it has any; otherwise those of its
locations (a drop-in group keeps the hours of the building it meets in). HSDS gives a
service's own schedule precedence in the same way.
"""

import heapq
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import dropwhile, islice
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext

from resources.schedules.words import (
    clock_hour,
    first_and_last_day,
    format_time,
    in_calendar_order,
    parse_byday,
    weekday_and_date,
)

# Anchor of every-N-weeks and every-N-months rules that have no start date: the Monday
# 5 January 1970 (and its month). A curator who needs another rhythm sets the start date.
EPOCH = date(1970, 1, 5)

SUPPORT_GROUP = "support-group"

# How far ahead to look for the next opening or meeting: a year covers every monthly rule.
HORIZON_DAYS = 400
# Opening hours that run unbroken for a week are "Open 24 hours".
AROUND_THE_CLOCK = timedelta(days=7)


def local_zone():
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class Occurrence:
    """One opening or one meeting: aware local start and end, end excluded."""

    schedule: object
    start: datetime
    end: datetime

    @property
    def all_day(self):
        return self.schedule.opens_at is None

    def contains(self, moment):
        return _utc(self.start) <= _utc(moment) < _utc(self.end)


@dataclass(frozen=True)
class OpeningStatus:
    """What a card or a detail page says about now: `text`, and `state` for styling.

    state is "open", "closed", "meeting-now" or "meeting".
    """

    state: str
    text: str

    @property
    def is_open(self):
        return self.state in ("open", "meeting-now")

    def __str__(self):
        return self.text


def _utc(moment):
    return moment.astimezone(UTC)


def _week_start(day):
    return day - timedelta(days=day.weekday())


def _month_number(day):
    return day.year * 12 + day.month - 1


WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def _monthly_rules(schedule, anchor, first, last, interval):
    """dateutil rules of a monthly schedule, counted from the month of `anchor`, starting at the
    last month of its rhythm on or before `first` (so no years are walked to get there)."""
    months = (_month_number(first) - _month_number(anchor)) // interval * interval
    year, month = divmod(_month_number(anchor) + months, 12)
    start = datetime(year, month + 1, 1)
    bymonthday = [int(n) for n in filter(None, (schedule.bymonthday or "").split(","))]
    if bymonthday:
        # A day no month has (0, 32) matches nothing, as a day that a short month lacks.
        bymonthday = [n for n in bymonthday if 1 <= abs(n) <= 31]
        if not bymonthday:
            return []
    byday = parse_byday(schedule.byday)
    if not byday and not bymonthday:
        # RFC 5545: the day of the month of the start date.
        bymonthday = [anchor.day]
    # RFC 5545 reads "MO,-1TH" as every Monday and the last Thursday; dateutil would keep only
    # days that are both, so plain days and days with a week of the month are separate rules.
    groups = [
        [WEEKDAYS[weekday] for ordinal, weekday in byday if ordinal is None],
        [WEEKDAYS[weekday](ordinal) for ordinal, weekday in byday if ordinal is not None],
    ]
    return [
        rrule.rrule(
            rrule.MONTHLY,
            dtstart=start,
            interval=interval,
            byweekday=weekdays or None,
            bymonthday=bymonthday or None,
            until=datetime.combine(last, time(0)),
            cache=False,
        )
        for weekdays in (groups if byday else [None])
        if weekdays or not byday
    ]


def _weekly_rule(schedule, anchor, first, last, interval):
    """The dateutil rule of a weekly schedule, its weeks counted from `anchor`'s (Monday
    first), starting at the last week of its rhythm on or before `first`."""
    weeks = (_week_start(first) - _week_start(anchor)).days // 7 // interval * interval
    start = _week_start(anchor) + timedelta(weeks=weeks)
    # No days means every day (that is how 24/7 is written), not the start date's weekday.
    weekdays = sorted({weekday for _ordinal, weekday in parse_byday(schedule.byday)}) or range(7)
    return rrule.rrule(
        rrule.WEEKLY,
        dtstart=datetime.combine(start, time(0)),
        interval=interval,
        wkst=rrule.MO,
        byweekday=[WEEKDAYS[weekday] for weekday in weekdays],
        until=datetime.combine(last, time(0)),
        cache=False,
    )


def occurrence_days(schedule, first, last):
    """The local dates from `first` to `last` (both included) on which an occurrence of
    `schedule` starts, in order, lazily, expanded by dateutil's rrule.

    Weekly with no days means every day. Monthly with both days and days of the month means
    days that are both, as in RFC 5545 (Friday the 13th). Outside the dates it is valid, a
    schedule never occurs. Every-N rules count from the start date, else from EPOCH.
    """
    first_day, last_day = first_and_last_day(schedule)
    if first_day and first < first_day:
        first = first_day
    if last_day and last > last_day:
        last = last_day
    if first > last:
        return iter(())
    interval = schedule.interval or 1
    anchor = schedule.dtstart or EPOCH
    if schedule.freq == "MONTHLY":
        rules = _monthly_rules(schedule, anchor, first, last, interval)
    else:
        rules = [_weekly_rule(schedule, anchor, first, last, interval)]
    if not rules:
        return iter(())
    if len(rules) == 1:
        found = rules[0]
    else:
        found = rrule.rruleset(cache=False)
        for rule in rules:
            found.rrule(rule)
    # The rule starts at most one rhythm (weeks or months) before `first`; UNTIL ends it.
    return dropwhile(lambda day: day < first, (moment.date() for moment in found))


def occurrence_on(schedule, day, zone=None):
    """The occurrence that starts on local date `day`: times are built on the wall clock, then
    localized; closing at or before opening ends on the next day; no times is the whole day."""
    zone = zone or local_zone()
    if schedule.opens_at is None or schedule.closes_at is None:
        start = datetime.combine(day, time(0), tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    else:
        start = datetime.combine(day, schedule.opens_at, tzinfo=zone)
        end_day = day + timedelta(days=1) if schedule.closes_at <= schedule.opens_at else day
        end = datetime.combine(end_day, schedule.closes_at, tzinfo=zone)
    return Occurrence(schedule, start, end)


def occurrences(schedule, start, end):
    """Occurrences of `schedule` that overlap [start, end), two aware datetimes, in order."""
    zone = local_zone()
    # An occurrence lasts at most a day, so one that started the day before may still run.
    first = start.astimezone(zone).date() - timedelta(days=1)
    found = []
    for day in occurrence_days(schedule, first, end.astimezone(zone).date()):
        occurrence = occurrence_on(schedule, day, zone)
        if _utc(occurrence.end) > _utc(start) and _utc(occurrence.start) < _utc(end):
            found.append(occurrence)
    return found


def _upcoming_of(schedule, after, horizon_days=HORIZON_DAYS):
    """Occurrences of one schedule that end after `after`, in order, lazily."""
    zone = local_zone()
    first = after.astimezone(zone).date() - timedelta(days=1)
    first_day, _last_day = first_and_last_day(schedule)
    if first_day and first < first_day:
        first = first_day
    # occurrence_days keeps within the schedule's own last date.
    for day in occurrence_days(schedule, first, first + timedelta(days=horizon_days)):
        occurrence = occurrence_on(schedule, day, zone)
        if _utc(occurrence.end) > _utc(after):
            yield occurrence


def upcoming(schedules, after, horizon_days=HORIZON_DAYS):
    """Occurrences of all `schedules` that end after `after` (so one running now comes first),
    ordered by start."""
    return heapq.merge(
        *(_upcoming_of(schedule, after, horizon_days) for schedule in schedules),
        key=lambda occurrence: _utc(occurrence.start),
    )


def is_open(schedules, moment):
    """Whether any of `schedules` is open (or meeting) at the aware datetime `moment`."""
    return any(
        occurrence.contains(moment)
        for schedule in schedules
        for occurrence in occurrences(schedule, moment, moment + timedelta(microseconds=1))
    )


def schedules_of(service):
    """The schedules that say when `service` is open: its own, else its locations'.

    Reads the prefetched schedules when there are some (ServiceQuerySet.for_cards and
    for_detail_page prefetch both).
    """
    own = list(service.schedules.all())
    if own:
        return in_calendar_order(own)
    return in_calendar_order(
        schedule for location in service.locations for schedule in location.schedules.all()
    )


def is_support_group(service):
    return any(term.code == SUPPORT_GROUP for term in service.resource_kinds)


def next_meetings(service, now, count=5):
    """The next `count` meetings (or openings) of `service`; one under way now comes first."""
    return list(islice(upcoming(schedules_of(service), now), count))


def _open_until(schedules, now):
    """When the opening that covers `now` ends, following openings that run on without a
    break; None when closed. Stops looking after AROUND_THE_CLOCK."""
    closes = None
    for occurrence in upcoming(schedules, now):
        if closes is None:
            if not occurrence.contains(now):
                return None
            closes = occurrence.end
        elif _utc(occurrence.start) <= _utc(closes):
            if _utc(occurrence.end) > _utc(closes):
                closes = occurrence.end
        else:
            break
        if _utc(closes) - _utc(now) >= AROUND_THE_CLOCK:
            break
    return closes


def _day_words(moment, now):
    """ "Monday" within the week, else "Tuesday 8 December"."""
    if (moment.date() - now.date()).days < 7:
        return formats.date_format(moment, "l")
    return weekday_and_date(moment)


# Each status is one whole message: Spanish says "hoy", "mañana" but "el lunes", and "a la 1:00"
# but "a las 18:00", so today, tomorrow and other days are separate messages, and those with a
# time take its hour (clock_hour) as the plural count.
def _opens_words(occurrence, now):
    days_ahead = (occurrence.start.date() - now.date()).days
    if occurrence.all_day:
        if days_ahead == 0:
            return pgettext("opening status", "Opens today")
        if days_ahead == 1:
            return pgettext("opening status", "Opens tomorrow")
        return pgettext("opening status: Opens Monday", "Opens %(day)s") % {
            "day": _day_words(occurrence.start, now)
        }
    time = format_time(occurrence.start)
    hour = clock_hour(occurrence.start)
    if days_ahead == 0:
        return npgettext("opening status", "Opens today %(time)s", "Opens today %(time)s", hour) % {
            "time": time
        }
    if days_ahead == 1:
        return npgettext(
            "opening status", "Opens tomorrow %(time)s", "Opens tomorrow %(time)s", hour
        ) % {"time": time}
    return npgettext(
        "opening status: Opens Monday 9 a.m.",
        "Opens %(day)s %(time)s",
        "Opens %(day)s %(time)s",
        hour,
    ) % {"day": _day_words(occurrence.start, now), "time": time}


def _closes_words(closes, now):
    # Within a day, the time alone is plain enough ("closes 2 a.m." late on a Friday).
    hour = clock_hour(closes)
    if _utc(closes) - _utc(now) < timedelta(days=1):
        return npgettext(
            "opening status", "Open now · closes %(time)s", "Open now · closes %(time)s", hour
        ) % {"time": format_time(closes)}
    return npgettext(
        "opening status: closes Monday 9 a.m.",
        "Open now · closes %(day)s %(time)s",
        "Open now · closes %(day)s %(time)s",
        hour,
    ) % {"day": formats.date_format(closes, "l"), "time": format_time(closes)}


def meeting_when(occurrence):
    """A meeting in a list: "Thursday 3 December, 6 p.m."; "Jueves 3 de diciembre, 18:00"."""
    day = capfirst(weekday_and_date(occurrence.start))
    if occurrence.all_day:
        return day
    return pgettext("a meeting: Thursday 3 December, 6 p.m.", "%(day)s, %(time)s") % {
        "day": day,
        "time": format_time(occurrence.start),
    }


def _meeting_status(schedules, now):
    occurrence = next(upcoming(schedules, now), None)
    if occurrence is None:
        return None
    if occurrence.contains(now):
        if occurrence.all_day:
            return OpeningStatus("meeting-now", _("Meeting today"))
        until = npgettext(
            "meeting status",
            "Meeting now · until %(time)s",
            "Meeting now · until %(time)s",
            clock_hour(occurrence.end),
        )
        return OpeningStatus("meeting-now", until % {"time": format_time(occurrence.end)})
    day = weekday_and_date(occurrence.start)
    if occurrence.all_day:
        return OpeningStatus("meeting", _("Next meeting: %(day)s") % {"day": day})
    return OpeningStatus(
        "meeting",
        _("Next meeting: %(day)s, %(time)s") % {"day": day, "time": format_time(occurrence.start)},
    )


def opening_status(service, now):
    """What to say about `service` at `now`, or None when it has no schedule to go by.

    Support groups get their next meeting; everything else whether it is open now.
    """
    schedules = schedules_of(service)
    if not schedules:
        return None
    now = now.astimezone(local_zone())
    if is_support_group(service):
        return _meeting_status(schedules, now)
    closes = _open_until(schedules, now)
    if closes is not None:
        if _utc(closes) - _utc(now) >= AROUND_THE_CLOCK:
            return OpeningStatus("open", _("Open 24 hours"))
        return OpeningStatus("open", _closes_words(closes.astimezone(local_zone()), now))
    occurrence = next(upcoming(schedules, now), None)
    if occurrence is None:
        return None
    return OpeningStatus("closed", _opens_words(occurrence, now))


def open_service_ids(queryset, moment):
    """Ids of the services of `queryset` open at `moment`, in three queries however many.

    The same rule as schedules_of: a service's own schedules, else its locations'.
    """
    return {
        service_id
        for service_id, schedules in schedules_by_service(queryset).items()
        if is_open(schedules, moment)
    }


def schedules_by_service(queryset):
    """The schedules that say when each service of `queryset` is open, by service id, in three
    queries however many: the same rule as schedules_of."""
    from resources.models import Schedule, ServiceAtLocation

    service_ids = queryset.order_by().values("pk")
    own = {}
    for schedule in Schedule.objects.filter(service__in=service_ids):
        own.setdefault(schedule.service_id, []).append(schedule)
    locations_of = {}
    for service_id, location_id in ServiceAtLocation.objects.filter(
        service__in=service_ids
    ).values_list("service_id", "location_id"):
        locations_of.setdefault(service_id, set()).add(location_id)
    at_location = {}
    for schedule in Schedule.objects.filter(
        location__in=models.Subquery(
            ServiceAtLocation.objects.filter(service__in=service_ids).values("location_id")
        )
    ):
        at_location.setdefault(schedule.location_id, []).append(schedule)

    return {
        service_id: own.get(service_id)
        or [
            schedule
            for location_id in locations_of.get(service_id, ())
            for schedule in at_location.get(location_id, ())
        ]
        for service_id in own.keys() | locations_of.keys()
    }

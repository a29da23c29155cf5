"""A service's meetings as an RFC 5545 calendar: one VEVENT with an RRULE per schedule.

Times are local times with TZID (the deployment's IANA zone) and a VTIMEZONE listing that
zone's offset changes for the years around the events. UTC times would not do: a weekly rule
repeats in UTC, so a 7 p.m. meeting would move to 6 or 8 p.m. after a daylight-saving change.
Calendar programs that know the IANA name use their own rules; the VTIMEZONE is what the
standard requires for the others.

The `icalendar` package writes the file: escaping, line folding, value types.
"""

from datetime import UTC, datetime, time, timedelta

from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vRecur,
    vText,
)
from icalendar.parser import Contentline

from resources.content_language import shown_text
from resources.schedules.opening import local_zone, occurrence_days, occurrence_on, schedules_of
from resources.schedules.words import DAY_CODES, first_and_last_day, parse_byday

PRODID = "-//supportdir//Meetings//EN"
# The VTIMEZONE lists offset changes from the year before the first event to this many years
# after today.
TIMEZONE_YEARS_AHEAD = 10


def escape_text(value):
    """RFC 5545 3.3.11 (icalendar's TEXT value): backslash, semicolon and comma escaped,
    newlines as \\n."""
    return vText(str(value)).to_ical().decode()


def fold(line):
    """RFC 5545 3.1 (icalendar's content line): lines of at most 75 octets, continued with CRLF
    and one space; a UTF-8 character is never split."""
    return Contentline(line).to_ical().decode()


def _first_day(schedule, today):
    """The first date the rule happens on, from its start date (else today): the event's DTSTART,
    which anchors RRULE's INTERVAL just as the start date anchors ours."""
    day = schedule.dtstart or today
    return next(occurrence_days(schedule, day, day + timedelta(days=400)), None)


def rrule(schedule):
    """The schedule's RRULE as icalendar's vRecur."""
    parts = {"FREQ": schedule.freq}
    if (schedule.interval or 1) > 1:
        parts["INTERVAL"] = schedule.interval
    byday = parse_byday(schedule.byday)
    if schedule.freq == "MONTHLY":
        if byday:
            parts["BYDAY"] = [f"{ordinal or ''}{DAY_CODES[weekday]}" for ordinal, weekday in byday]
        if schedule.bymonthday:
            parts["BYMONTHDAY"] = [int(n) for n in schedule.bymonthday.split(",")]
    else:
        # Weekly rules take no ordinals (RFC 5545 3.3.10); no days means every day here.
        weekdays = sorted({weekday for _ordinal, weekday in byday}) or range(7)
        parts["BYDAY"] = [DAY_CODES[weekday] for weekday in weekdays]
    # The rule's own last date, or the last day it is valid (HSDS's valid_to), if earlier.
    _first, until = first_and_last_day(schedule)
    if until:
        if schedule.opens_at is None:
            parts["UNTIL"] = until
        else:
            # With a TZID start, UNTIL is in UTC (RFC 5545 3.3.10): the end of the last day.
            last = datetime.combine(until, time(23, 59, 59), tzinfo=local_zone())
            parts["UNTIL"] = last.astimezone(UTC)
    return vRecur(parts)


def _transitions(zone, first_year, last_year):
    """(UTC moment, offset before, offset after, name after) for each offset change."""
    found = []
    moment = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        step = moment + timedelta(days=1)
        if step.astimezone(zone).utcoffset() != offset:
            # Changes happen on whole seconds: bisect to the first second of the new offset.
            low, high = int(moment.timestamp()), int(step.timestamp())
            while high - low > 1:
                middle = (low + high) // 2
                if datetime.fromtimestamp(middle, zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            high = datetime.fromtimestamp(high, UTC)
            after = high.astimezone(zone)
            found.append((high, offset, after.utcoffset(), after.tzname(), after.dst()))
            offset = after.utcoffset()
        moment = step
    return found


def vtimezone(zone, first_year, last_year):
    """The zone's VTIMEZONE, one observance per offset change, each starting at the local time
    before the change as RFC 5545's examples do. (icalendar's Timezone.from_tzid starts a
    spring change at the hour after it, which read in TZOFFSETFROM is an hour late.)"""
    component = Timezone()
    component.add("tzid", zone.key)
    observances = [
        # DTSTART of an observance is the local time before the change.
        ((moment + before).replace(tzinfo=None), before, after, name, dst)
        for moment, before, after, name, dst in _transitions(zone, first_year, last_year)
    ]
    if not observances:
        # A zone without changes: one standard observance with its only offset.
        start = datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = start.utcoffset()
        observances = [(datetime(first_year, 1, 1), offset, offset, start.tzname(), None)]
    for start, before, after, name, dst in observances:
        observance = TimezoneDaylight() if dst else TimezoneStandard()
        observance.add("dtstart", start)
        observance.add("tzoffsetfrom", before)
        observance.add("tzoffsetto", after)
        observance.add("tzname", name)
        component.add_component(observance)
    return component


def vevent(schedule, first_day, *, summary, location, url, stamp):
    occurrence = occurrence_on(schedule, first_day)
    event = Event()
    event.add("uid", str(schedule.pk))
    event.add("dtstamp", stamp.astimezone(UTC))
    if occurrence.all_day:
        event.add("dtstart", occurrence.start.date())
        event.add("dtend", occurrence.end.date())
    else:
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end)
    event.add("rrule", rrule(schedule))
    event.add("summary", summary)
    if location:
        event.add("location", location)
    note = schedule.shown_note.text
    description = (
        f"{schedule.rule_in_words_alone} ({note})" if note else schedule.rule_in_words_alone
    )
    event.add("description", description)
    if url:
        event.add("url", url)
    return event


def _place_of(schedule, service):
    location = schedule.location or service.first_place
    if location is None or not (location.is_physical and location.address_lines):
        return ""
    return ", ".join([location.name, *location.address_lines])


def meetings_calendar(service, now, url=""):
    """The calendar text (CRLF lines, folded) of `service`'s schedules (opening.schedules_of),
    or None when it has none."""
    schedules = schedules_of(service)
    if not schedules:
        return None
    name = shown_text(service, "name").text
    zone = local_zone()
    today = now.astimezone(zone).date()
    events = []
    first_days = []
    for schedule in schedules:
        first_day = _first_day(schedule, today)
        if first_day is None:
            continue
        first_days.append(first_day)
        events.append(
            vevent(
                schedule,
                first_day,
                summary=name,
                location=_place_of(schedule, service),
                url=url,
                stamp=now,
            )
        )
    first_year = min(first_days, default=today).year - 1
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Meetings of %(name)s") % {"name": name})
    calendar.add("x-wr-timezone", zone.key)
    calendar.add_component(vtimezone(zone, first_year, today.year + TIMEZONE_YEARS_AHEAD))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical().decode()

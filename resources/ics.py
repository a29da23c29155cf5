"""A service's meetings as an RFC 5545 calendar: one VEVENT with an RRULE per schedule.

Times are local times with TZID (the deployment's IANA zone) and a VTIMEZONE listing that
zone's offset changes for the years around the events. UTC times would not do: a weekly rule
repeats in UTC, so a 7 p.m. meeting would move to 6 or 8 p.m. after a daylight-saving change.
Calendar programs that know the IANA name use their own rules; the VTIMEZONE is what the
standard requires for the others.
"""

from datetime import UTC, datetime, time, timedelta

from django.utils.translation import gettext as _

from resources.content_language import shown_text
from resources.opening import local_zone, occurrence_on, occurs_on, schedules_of
from resources.schedules import DAY_CODES, first_and_last_day, parse_byday

PRODID = "-//supportdir//Meetings//EN"
# The VTIMEZONE lists offset changes from the year before the first event to this many years
# after today.
TIMEZONE_YEARS_AHEAD = 10


def escape_text(value):
    """RFC 5545 3.3.11: backslash, semicolon and comma escaped, newlines as \\n."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """RFC 5545 3.1: lines of at most 75 octets, continued with CRLF and one space; a UTF-8
    character is never split."""
    folded = []
    current = b""
    limit = 75
    for character in line:
        encoded = character.encode()
        if len(current) + len(encoded) > limit:
            folded.append(current)
            current = b" "
            limit = 75
        current += encoded
    folded.append(current)
    return b"\r\n".join(folded).decode()


def _local_stamp(moment):
    return moment.strftime("%Y%m%dT%H%M%S")


def _utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _first_day(schedule, today):
    """The first date the rule happens on, from its start date (else today): the event's DTSTART,
    which anchors RRULE's INTERVAL just as the start date anchors ours."""
    day = schedule.dtstart or today
    last = day + timedelta(days=400)
    _first, last_day = first_and_last_day(schedule)
    if last_day:
        last = min(last, last_day)
    while day <= last:
        if occurs_on(schedule, day):
            return day
        day += timedelta(days=1)
    return None


def rrule(schedule):
    parts = [f"FREQ={schedule.freq}"]
    if (schedule.interval or 1) > 1:
        parts.append(f"INTERVAL={schedule.interval}")
    byday = parse_byday(schedule.byday)
    if schedule.freq == "MONTHLY":
        if byday:
            parts.append("BYDAY=" + schedule.byday.replace("+", ""))
        if schedule.bymonthday:
            parts.append(f"BYMONTHDAY={schedule.bymonthday}")
    else:
        # Weekly rules take no ordinals (RFC 5545 3.3.10); no days means every day here.
        weekdays = sorted({weekday for _ordinal, weekday in byday}) or range(7)
        parts.append("BYDAY=" + ",".join(DAY_CODES[weekday] for weekday in weekdays))
    # The rule's own last date, or the last day it is valid (HSDS's valid_to), if earlier.
    _first, until = first_and_last_day(schedule)
    if until:
        if schedule.opens_at is None:
            parts.append("UNTIL=" + until.strftime("%Y%m%d"))
        else:
            # With a TZID start, UNTIL is in UTC (RFC 5545 3.3.10): the end of the last day.
            last = datetime.combine(until, time(23, 59, 59), tzinfo=local_zone())
            parts.append("UNTIL=" + _utc_stamp(last))
    return ";".join(parts)


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


def _offset(delta):
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{minutes:02d}"


def vtimezone(zone, first_year, last_year):
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    changes = _transitions(zone, first_year, last_year)
    if not changes:
        start = datetime(first_year, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = _offset(start.utcoffset())
        lines += [
            "BEGIN:STANDARD",
            f"DTSTART:{first_year}0101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            f"TZNAME:{start.tzname()}",
            "END:STANDARD",
        ]
    for moment, before, after, name, dst in changes:
        kind = "DAYLIGHT" if dst else "STANDARD"
        lines += [
            f"BEGIN:{kind}",
            # DTSTART of a zone observance is the local time before the change.
            f"DTSTART:{_local_stamp((moment + before).replace(tzinfo=None))}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(after)}",
            f"TZNAME:{name}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return lines


def vevent(schedule, first_day, *, summary, location, url, stamp):
    occurrence = occurrence_on(schedule, first_day)
    zone = local_zone()
    lines = [
        "BEGIN:VEVENT",
        f"UID:{schedule.pk}",
        f"DTSTAMP:{_utc_stamp(stamp)}",
    ]
    if occurrence.all_day:
        lines += [
            f"DTSTART;VALUE=DATE:{occurrence.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{occurrence.end.strftime('%Y%m%d')}",
        ]
    else:
        lines += [
            f"DTSTART;TZID={zone.key}:{_local_stamp(occurrence.start)}",
            f"DTEND;TZID={zone.key}:{_local_stamp(occurrence.end)}",
        ]
    lines.append(f"RRULE:{rrule(schedule)}")
    lines.append(f"SUMMARY:{escape_text(summary)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    note = schedule.shown_note.text
    description = (
        f"{schedule.rule_in_words_alone} ({note})" if note else schedule.rule_in_words_alone
    )
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


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
        events += vevent(
            schedule,
            first_day,
            summary=name,
            location=_place_of(schedule, service),
            url=url,
            stamp=now,
        )
    first_year = min(first_days, default=today).year - 1
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(_('Meetings of %(name)s') % {'name': name})}",
        f"X-WR-TIMEZONE:{zone.key}",
        *vtimezone(zone, first_year, today.year + TIMEZONE_YEARS_AHEAD),
        *events,
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)

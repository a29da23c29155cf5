"""RFC 5545 schedules read back in plain words: "Monday to Friday, 9 a.m. to 5 p.m."."""

import re
from datetime import time

from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import npgettext, pgettext, pgettext_lazy

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

# Weeks of the month, always before a weekday (masculine in Spanish: "primer martes").
ORDINALS = {
    1: pgettext_lazy("week of the month, before a weekday: the first Tuesday", "first"),
    2: pgettext_lazy("week of the month, before a weekday: the second Tuesday", "second"),
    3: pgettext_lazy("week of the month, before a weekday: the third Tuesday", "third"),
    4: pgettext_lazy("week of the month, before a weekday: the fourth Tuesday", "fourth"),
    5: pgettext_lazy("week of the month, before a weekday: the fifth Tuesday", "fifth"),
    -1: pgettext_lazy("week of the month, before a weekday: the last Tuesday", "last"),
    -2: pgettext_lazy(
        "week of the month, before a weekday: the second to last Tuesday", "second to last"
    ),
}


def parse_byday(byday):
    """`2TU,-1FR` -> [(2, 1), (-1, 4)]: (ordinal or None, weekday number with Monday 0)."""
    days = []
    for part in filter(None, (byday or "").split(",")):
        code = part[-2:]
        ordinal = part[:-2]
        days.append((int(ordinal) if ordinal not in ("", "+") else None, DAY_CODES.index(code)))
    return days


TIME_PATTERN = re.compile(
    r"^(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{2}))?\s*(?P<half>[ap])?\.?\s*(?:m\.?)?$"
)
NAMED_TIMES = {"noon": time(12), "midday": time(12), "midnight": time(0)}


def parse_time(text):
    """A time as people type it: "6:30 pm", "6.30pm", "18:30", "6 pm", "12am", "noon".

    Returns a datetime.time, or None when the text is not a time.
    """
    text = " ".join((text or "").lower().split())
    if text in NAMED_TIMES:
        return NAMED_TIMES[text]
    match = TIME_PATTERN.match(text)
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    half = match["half"]
    if half and not 1 <= hour <= 12:
        return None
    if half == "a" and hour == 12:
        hour = 0
    elif half == "p" and hour != 12:
        hour += 12
    elif not half and text[-1:] == "m":
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def calendar_key(schedule):
    """Where a rule falls in the week and month, so lists read in calendar order: weekly rules
    first by their first day, then monthly ones by day, week of the month, then time."""
    days = parse_byday(schedule.byday)
    weekday = min((day for _o, day in days), default=-1)
    weeks = sorted((o if o > 0 else 6 - o) for o, day in days if o is not None and day == weekday)
    monthdays = sorted(
        int(n) if int(n) > 0 else 32 - int(n) for n in (schedule.bymonthday or "").split(",") if n
    )
    return (
        schedule.freq != "WEEKLY",
        weekday,
        weeks,
        monthdays,
        schedule.opens_at or time(0),
        schedule.closes_at or time(0),
        schedule.pk or 0,
    )


def in_calendar_order(schedules):
    return sorted(schedules, key=calendar_key)


def join_words(words):
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return _("%(list)s and %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}


def _run_start(weekdays):
    """Where a run of three or more consecutive days starts (weeks wrap: SU,MO,TU), else None."""
    if len(weekdays) < 3:
        return None
    for start in weekdays:
        if {(start + offset) % 7 for offset in range(len(weekdays))} == weekdays:
            return start
    return None


def _weekly_days(weekdays):
    weekdays = set(weekdays)
    if len(weekdays) == 7:
        return _("Every day")
    start = _run_start(weekdays)
    if start is not None:
        return pgettext("a run of weekdays: Monday to Friday", "%(first)s to %(last)s") % {
            "first": WEEKDAYS[start],
            "last": WEEKDAYS[(start + len(weekdays) - 1) % 7],
        }
    return _("Every %(days)s") % {"days": join_words(WEEKDAYS[day] for day in sorted(weekdays))}


def _monthly_days(days):
    """[(2, 1), (4, 1), (-1, 4)] -> ["second and fourth Tuesday", "last Friday"]: the weeks of
    one weekday read together."""
    weeks_of = {}
    for ordinal, weekday in days:
        weeks_of.setdefault(weekday, []).append(ordinal)
    phrases = []
    for weekday, ordinals in weeks_of.items():
        if None in ordinals:
            phrases.append(WEEKDAYS[weekday])
            continue
        ordinals = sorted(ordinals, key=lambda o: o if o > 0 else 6 - o)
        weeks = join_words(ORDINALS.get(ordinal, ordinal) for ordinal in ordinals)
        phrases.append(
            pgettext(
                "weeks of the month and a weekday: second and fourth Tuesday",
                "%(weeks)s %(weekday)s",
            )
            % {"weeks": weeks, "weekday": WEEKDAYS[weekday]}
        )
    return phrases


def _days_phrase(schedule):
    days = parse_byday(schedule.byday)
    interval = schedule.interval or 1
    if schedule.freq == "MONTHLY":
        if days:
            each = join_words(_monthly_days(days))
        else:
            each = join_words(
                _("day %(number)s") % {"number": number} if int(number) > 0 else _("last day")
                for number in schedule.bymonthday.split(",")
            )
        if interval == 1:
            phrase = _("The %(days)s of every month") % {"days": each}
        else:
            phrase = npgettext(
                "a monthly schedule",
                "The %(days)s of every %(count)d month",
                "The %(days)s of every %(count)d months",
                interval,
            ) % {"days": each, "count": interval}
        return phrase
    weekdays = [weekday for _ordinal, weekday in days]
    if not weekdays:
        return _("Every day") if interval == 1 else ""
    if interval == 1:
        return _weekly_days(weekdays)
    if interval == 2:
        return pgettext("every second week", "Every other %(days)s") % {
            "days": join_words(WEEKDAYS[d] for d in sorted(weekdays))
        }
    return pgettext("every third (fourth…) week", "Every %(count)d weeks on %(days)s") % {
        "count": interval,
        "days": join_words(WEEKDAYS[d] for d in sorted(weekdays)),
    }


def format_time(value):
    """A time of day in the active language's TIME_FORMAT: "6 p.m.", "noon"; "18:00" in Spanish."""
    return formats.time_format(value)


def clock_hour(value):
    """The hour a time shows on the 24-hour clock, which Spanish pages use: the number that
    "a la 1:00" and "a las 18:00" agree with, passed as the count of (n)pgettext."""
    return value.hour


# Date shapes are translatable date-format strings rather than the locale's DATE_FORMAT: English
# pages have always said "1 March 2027" and "Tuesday 8 December" (Django's `en` DATE_FORMAT is
# "March 1, 2027" and no locale format has a weekday), while Spanish needs its "de": "1 de
# marzo de 2027", "martes 8 de diciembre". Day and month names come from Django's catalogue.


def long_date(day):
    """ "1 March 2027"; "1 de marzo de 2027" in Spanish."""
    return formats.date_format(
        day, pgettext("date format (Django's date filter) for 1 March 2027", "j F Y")
    )


def weekday_and_date(day):
    """ "Tuesday 8 December"; "martes 8 de diciembre" in Spanish (lower case: capfirst it at
    the start of a sentence)."""
    return formats.date_format(
        day, pgettext("date format (Django's date filter) for Tuesday 8 December", "l j F")
    )


def _times_phrase(schedule):
    if schedule.opens_at is None or schedule.closes_at is None:
        return pgettext("open all day, after the days: Every day, 24 hours", "24 hours")
    if schedule.closes_at <= schedule.opens_at:
        return _("%(opens)s to %(closes)s the next day") % {
            "opens": format_time(schedule.opens_at),
            "closes": format_time(schedule.closes_at),
        }
    return _("%(opens)s to %(closes)s") % {
        "opens": format_time(schedule.opens_at),
        "closes": format_time(schedule.closes_at),
    }


def first_and_last_day(schedule):
    """The first and last local dates the schedule may occur on, or None for no bound: its own
    (dtstart, until), within the dates it is valid (HSDS's valid_from, valid_to)."""
    firsts = [day for day in (schedule.dtstart, getattr(schedule, "valid_from", None)) if day]
    lasts = [day for day in (schedule.until, getattr(schedule, "valid_to", None)) if day]
    return (max(firsts) if firsts else None, min(lasts) if lasts else None)


def describe_schedule(schedule, today=None):
    """The rule in words; one that has ended or has not begun says so first."""
    # Spanish day names are lower case, so a sentence that starts with one is capitalised.
    words = ", ".join(
        part for part in [capfirst(_days_phrase(schedule)), _times_phrase(schedule)] if part
    )
    today = today or timezone.localdate()
    _first, last = first_and_last_day(schedule)
    # A first date of the rule (dtstart) only sets its rhythm; valid_from says when it applies.
    first = getattr(schedule, "valid_from", None)
    if last and last < today:
        words = _("No longer current (ended %(date)s): %(rule)s") % {
            "rule": words,
            "date": long_date(last),
        }
    elif last:
        words = _("%(rule)s, until %(date)s") % {"rule": words, "date": long_date(last)}
    if first and first > today:
        words = _("Not yet current (from %(date)s): %(rule)s") % {
            "rule": words,
            "date": long_date(first),
        }
    if schedule.description:
        words = f"{words} ({schedule.description})"
    return words

"""RFC 5545 schedules read back in plain words: "Monday to Friday, 9 a.m. to 5 p.m."."""

from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

ORDINALS = {
    1: gettext_lazy("first"),
    2: gettext_lazy("second"),
    3: gettext_lazy("third"),
    4: gettext_lazy("fourth"),
    5: gettext_lazy("fifth"),
    -1: gettext_lazy("last"),
    -2: gettext_lazy("second to last"),
}


def parse_byday(byday):
    """`2TU,-1FR` -> [(2, 1), (-1, 4)]: (ordinal or None, weekday number with Monday 0)."""
    days = []
    for part in filter(None, (byday or "").split(",")):
        code = part[-2:]
        ordinal = part[:-2]
        days.append((int(ordinal) if ordinal not in ("", "+") else None, DAY_CODES.index(code)))
    return days


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
        return _("%(first)s to %(last)s") % {
            "first": WEEKDAYS[start],
            "last": WEEKDAYS[(start + len(weekdays) - 1) % 7],
        }
    return _("Every %(days)s") % {"days": join_words(WEEKDAYS[day] for day in sorted(weekdays))}


def _days_phrase(schedule):
    days = parse_byday(schedule.byday)
    interval = schedule.interval or 1
    if schedule.freq == "MONTHLY":
        if days:
            each = join_words(
                format_lazy("{} {}", ORDINALS.get(ordinal, ordinal or ""), WEEKDAYS[weekday])
                if ordinal
                else WEEKDAYS[weekday]
                for ordinal, weekday in days
            )
        else:
            each = join_words(
                _("day %(number)s") % {"number": number} if int(number) > 0 else _("last day")
                for number in schedule.bymonthday.split(",")
            )
        if interval == 1:
            phrase = _("The %(days)s of every month") % {"days": each}
        else:
            phrase = ngettext(
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
        return _("Every other %(days)s") % {
            "days": join_words(WEEKDAYS[d] for d in sorted(weekdays))
        }
    return _("Every %(count)d weeks on %(days)s") % {
        "count": interval,
        "days": join_words(WEEKDAYS[d] for d in sorted(weekdays)),
    }


def format_time(value):
    return formats.time_format(value, "P")


def _times_phrase(schedule):
    if schedule.opens_at is None or schedule.closes_at is None:
        return _("24 hours")
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


def _date_words(day):
    return formats.date_format(day, "j F Y")


def describe_schedule(schedule, today=None):
    """The rule in words; one that has ended or has not begun says so first."""
    words = ", ".join(part for part in [_days_phrase(schedule), _times_phrase(schedule)] if part)
    today = today or timezone.localdate()
    _first, last = first_and_last_day(schedule)
    # A first date of the rule (dtstart) only sets its rhythm; valid_from says when it applies.
    first = getattr(schedule, "valid_from", None)
    if last and last < today:
        words = _("No longer current (ended %(date)s): %(rule)s") % {
            "rule": words,
            "date": _date_words(last),
        }
    elif last:
        words = _("%(rule)s, until %(date)s") % {"rule": words, "date": _date_words(last)}
    if first and first > today:
        words = _("Not yet current (from %(date)s): %(rule)s") % {
            "rule": words,
            "date": _date_words(first),
        }
    if schedule.description:
        words = f"{words} ({schedule.description})"
    return words

"""The meetings calendar read by implementations that are not ours: icalendar parses it and
recurring-ical-events expands its rules; the meetings they find are the ones the service page
lists. And RFC 5545's reading of a BYDAY list that mixes plain days and weeks of the month."""

import re
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import recurring_ical_events
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from resources.models import Schedule
from resources.schedules.opening import HORIZON_DAYS, next_meetings, occurrence_days
from tests.factories import make_schedule, make_service
from tests.fixtures_chicago import (
    CHICAGO,
    MONTHLY,
    in_chicago,  # noqa: F401 (an autouse fixture)
    local,
    make_group,
)

# The page lists this many meetings (templatetags.opening.next_meetings).
LISTED = 5


def listed_meetings(client, service):
    """The starts the service page gives in its "Next meetings" list."""
    page = client.get(service.get_absolute_url()).content.decode()
    (meetings,) = re.findall(r'aria-labelledby="meetings-heading">(.*?)</ul>', page, re.S)
    return [
        date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        for value in re.findall(r'<time datetime="([^"]+)"', meetings)
    ]


def expanded_calendar(client, service, now, count):
    """The first `count` meetings that end after `now` within the page's horizon, as icalendar
    and recurring-ical-events read our .ics."""
    response = client.get(reverse("resources:meetings_calendar", args=[service.slug]))
    calendar = icalendar.Calendar.from_ical(response.content)
    events = recurring_ical_events.of(calendar).between(
        now - timedelta(days=2), now + timedelta(days=HORIZON_DAYS - 2)
    )

    def moment(value):
        if isinstance(value, datetime):
            return value
        return datetime.combine(value, time(0), tzinfo=CHICAGO)

    starts = sorted(
        (event["DTSTART"].dt for event in events if moment(event["DTEND"].dt) > now),
        key=moment,
    )
    return starts[:count]


def same_meetings(listed, expanded):
    assert listed
    assert len(listed) == len(expanded)
    for ours, theirs in zip(listed, expanded, strict=True):
        assert type(ours) is type(theirs)
        assert ours == theirs  # aware datetimes compare as instants


SCHEDULES = {
    "every other Tuesday evening": {
        "byday": "TU",
        "interval": 2,
        "dtstart": date(2026, 1, 6),
        "opens_at": time(19),
        "closes_at": time(20, 30),
    },
    "the last Friday of the month": {
        "freq": MONTHLY,
        "byday": "-1FR",
        "opens_at": time(18),
        "closes_at": time(19),
    },
    "the second and fourth Wednesday": {
        "freq": MONTHLY,
        "byday": "2WE,4WE",
        "opens_at": time(12),
        "closes_at": time(13),
    },
    "the 15th of every other month": {
        "freq": MONTHLY,
        "bymonthday": "15",
        "interval": 2,
        "dtstart": date(2026, 1, 15),
        "opens_at": time(10),
        "closes_at": time(11),
    },
    "Friday nights past midnight": {"byday": "FR", "opens_at": time(22), "closes_at": time(2)},
    "every Saturday, all day": {"byday": "SA"},
    "the first Sunday, every third month, all day": {
        "freq": MONTHLY,
        "byday": "1SU",
        "interval": 3,
        "dtstart": date(2026, 2, 1),
    },
}


@pytest.mark.parametrize("rule", list(SCHEDULES))
def test_another_implementation_reads_the_meetings_the_page_lists(client, db, rule):
    group = make_group()
    make_schedule(service=group, **SCHEDULES[rule])
    now = timezone.now()

    listed = listed_meetings(client, group)

    same_meetings(listed, expanded_calendar(client, group, now, LISTED))


def test_another_implementation_reads_several_schedules_as_the_page_merges_them(client, db):
    group = make_group()
    for rule in ("every other Tuesday evening", "the last Friday of the month"):
        make_schedule(service=group, **SCHEDULES[rule])
    make_schedule(
        service=group,
        byday="MO,TH",
        opens_at=time(9),
        closes_at=time(10),
        until=timezone.localdate() + timedelta(days=9),
    )
    now = timezone.now()

    listed = listed_meetings(client, group)

    same_meetings(listed, expanded_calendar(client, group, now, LISTED))


# A BYDAY list that mixes plain days and weeks of the month


def test_a_monthly_rule_mixing_plain_days_and_weeks_of_the_month_is_refused(db):
    schedule = Schedule(freq=MONTHLY, byday="MO,-1TH", service=make_service())

    with pytest.raises(ValidationError) as refused:
        schedule.full_clean()

    assert "Say which week of the month for each day" in str(refused.value)


def test_an_imported_mix_of_plain_days_and_weeks_of_the_month_is_their_union(db):
    """RFC 5545: MONTHLY;BYDAY=MO,-1TH is every Monday and the last Thursday, which dateutil
    alone would read as the Mondays that are last Thursdays: none."""
    schedule = make_schedule(
        service=make_group(), freq=MONTHLY, byday="MO,-1TH", opens_at=time(18), closes_at=time(19)
    )

    days = list(occurrence_days(schedule, date(2026, 12, 1), date(2027, 1, 31)))

    assert days == [
        date(2026, 12, 7),
        date(2026, 12, 14),
        date(2026, 12, 21),
        date(2026, 12, 28),
        date(2026, 12, 31),
        date(2027, 1, 4),
        date(2027, 1, 11),
        date(2027, 1, 18),
        date(2027, 1, 25),
        date(2027, 1, 28),
    ]
    meetings = next_meetings(schedule.service, local(2026, 12, 29, 12))
    assert [meeting.start for meeting in meetings] == [
        local(2026, 12, 31, 18),
        local(2027, 1, 4, 18),
        local(2027, 1, 11, 18),
        local(2027, 1, 18, 18),
        local(2027, 1, 25, 18),
    ]


def test_weeks_are_counted_from_the_start_date_however_long_ago(db):
    schedule = make_schedule(service=make_group(), byday="TU", interval=2, dtstart=date(1990, 1, 2))

    days = list(occurrence_days(schedule, date(2026, 12, 1), date(2026, 12, 31)))

    # 1990-01-02 + 1926 weeks (an even number) = 2026-12-01.
    assert days == [date(2026, 12, 1), date(2026, 12, 15), date(2026, 12, 29)]


def test_a_rule_no_month_can_meet_gives_no_days_at_once(db):
    """The 30th of every twelfth month, counted from February: never, and found so quickly."""
    schedule = make_schedule(
        service=make_group(), freq=MONTHLY, bymonthday="30", interval=12, dtstart=date(2026, 2, 1)
    )

    assert list(occurrence_days(schedule, date(2026, 12, 1), date(2028, 1, 5))) == []
    assert next_meetings(schedule.service, local(2026, 12, 1, 12)) == []

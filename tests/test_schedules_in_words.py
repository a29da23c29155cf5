"""Curators and visitors read schedules in plain words, not RFC 5545 codes."""

from datetime import date, time

import pytest

from resources.models import Schedule


def words(**fields):
    return Schedule(**{"freq": "WEEKLY", "interval": 1, **fields}).in_words


def test_weekday_office_hours():
    assert words(byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17)) == (
        "Monday to Friday, 9 a.m. to 5 p.m."
    )


def test_a_run_of_days_across_the_weekend():
    assert words(byday="SU,MO,TU,WE,TH", opens_at=time(18), closes_at=time(23)) == (
        "Sunday to Thursday, 6 p.m. to 11 p.m."
    )


def test_days_that_are_not_a_run_are_listed():
    assert words(byday="MO,WE,FR", opens_at=time(9), closes_at=time(12)) == (
        "Every Monday, Wednesday and Friday, 9 a.m. to noon"
    )


def test_around_the_clock():
    assert words(byday="MO,TU,WE,TH,FR,SA,SU") == "Every day, 24 hours"


def test_hours_past_midnight():
    assert words(byday="FR,SA", opens_at=time(18), closes_at=time(2)) == (
        "Every Friday and Saturday, 6 p.m. to 2 a.m. the next day"
    )


def test_a_weekly_meeting():
    assert words(byday="TU", opens_at=time(19), closes_at=time(20, 30)) == (
        "Every Tuesday, 7 p.m. to 8:30 p.m."
    )


def test_a_meeting_every_other_week():
    assert words(byday="WE", interval=2, opens_at=time(18), closes_at=time(19)) == (
        "Every other Wednesday, 6 p.m. to 7 p.m."
    )


@pytest.mark.parametrize(
    ("byday", "expected"),
    [
        ("2TU", "The second Tuesday of every month, 7 p.m. to 9 p.m."),
        ("-1FR", "The last Friday of every month, 7 p.m. to 9 p.m."),
        ("1SA,3SA", "The first and third Saturday of every month, 7 p.m. to 9 p.m."),
        (
            "2TU,4TU,-1FR",
            "The second and fourth Tuesday and last Friday of every month, 7 p.m. to 9 p.m.",
        ),
    ],
)
def test_monthly_meetings_on_the_nth_weekday(byday, expected):
    assert words(freq="MONTHLY", byday=byday, opens_at=time(19), closes_at=time(21)) == expected


def test_a_schedule_that_ends_says_until_when():
    assert words(byday="MO", opens_at=time(10), closes_at=time(11), until=date(2027, 3, 1)) == (
        "Every Monday, 10 a.m. to 11 a.m., until 1 March 2027"
    )


def test_the_curators_note_is_kept():
    assert words(
        byday="SA", opens_at=time(12), closes_at=time(14), description="Not in August"
    ) == ("Every Saturday, noon to 2 p.m. (Not in August)")

""" "Open now" filtered in SQL (resources.schedules.open_now) gives the answers of the Python rule
(resources.schedules.opening) for every kind of schedule, at every moment, daylight-saving changes
too.

America/Chicago: daylight saving time starts on Sunday 8 March 2026 (02:00 becomes 03:00) and
ends on Sunday 1 November 2026 (02:00 becomes 01:00 again).
"""

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from resources.hsds.importer import import_hsds
from resources.models import OpeningOccurrence, OpeningSpan, Schedule, Service
from resources.schedules.open_now import refresh_opening_spans, weekly_spans
from resources.schedules.opening import is_open, schedules_by_service
from tests.factories import make_location, make_schedule, make_service, make_service_at_location
from tests.fixtures_chicago import (
    CHICAGO,
    MONTHLY,
    WEEKLY,
    in_chicago,  # noqa: F401 (an autouse fixture)
    local,
)
from tests.test_generate_directory import add_places, generate
from tests.test_import_hsds import a_service


def hours(opens, closes):
    return {"opens_at": opens, "closes_at": closes}


SCHEDULES = [
    {"byday": "MO,TU,WE,TH,FR", **hours(time(9), time(17))},
    {"byday": "FR", **hours(time(18), time(2))},
    {"byday": "SU", **hours(time(22), time(3))},
    {"byday": "SA,SU", **hours(time(20), time(0))},
    {"byday": "MO,TU,WE,TH,FR"},
    {"byday": ""},
    {"byday": "SU", **hours(time(1, 30), time(2, 30))},
    {"byday": "SU", **hours(time(2, 30), time(4))},
    {"byday": "SU", **hours(time(2, 15), time(2, 45))},
    {"byday": "SU", **hours(time(1), time(1, 45))},
    {"byday": "SA", **hours(time(23), time(1, 30))},
    {"byday": "TU", **hours(time(9, 0, 30), time(10))},
    {"byday": "WE", "dtstart": date(2020, 1, 1), **hours(time(12), time(14))},
    {"byday": "TH", "interval": 2, **hours(time(18), time(19, 30))},
    {"byday": "TU", "interval": 2, "dtstart": date(2026, 1, 6), **hours(time(19), time(21))},
    {"byday": "MO,WE", "dtstart": date(2026, 3, 4), **hours(time(8), time(12))},
    {"byday": "MO,WE", "until": date(2026, 3, 18), **hours(time(13), time(15))},
    {"byday": "SA", "dtstart": date(2026, 10, 24), "until": date(2026, 11, 14)},
    {"freq": MONTHLY, "byday": "2TU", **hours(time(18), time(20))},
    {"freq": MONTHLY, "byday": "-1FR", **hours(time(19), time(21))},
    {"freq": MONTHLY, "byday": "1SU", **hours(time(1, 15), time(2, 30))},
    {"freq": MONTHLY, "byday": "-1SA", **hours(time(22), time(1))},
    {"freq": MONTHLY, "byday": "", "bymonthday": "1,15", **hours(time(10), time(12))},
    {"freq": MONTHLY, "byday": "", "bymonthday": "-1"},
    {"freq": MONTHLY, "byday": "FR", "bymonthday": "13", **hours(time(12), time(13))},
    {"freq": MONTHLY, "byday": "", "bymonthday": "8"},
    {
        "freq": MONTHLY,
        "byday": "1WE",
        "interval": 2,
        "dtstart": date(2026, 1, 7),
        **hours(time(17), time(18)),
    },
]


@pytest.fixture
def directory(db):
    for fields in SCHEDULES:
        make_schedule(**fields)
    building = make_location(name="Community centre")
    make_schedule(location=building, byday="MO,TU,WE,TH,FR,SA", **hours(time(7), time(22)))
    make_schedule(location=building, freq=MONTHLY, byday="1SU", **hours(time(12), time(16)))
    make_service_at_location(make_service(name="Drop-in at the centre"), building)
    # Its own hours count, not the building's.
    own_hours = make_service(name="Evening clinic at the centre")
    make_service_at_location(own_hours, building)
    make_schedule(service=own_hours, byday="MO", **hours(time(18), time(20)))
    # A schedule of one service at a location: the location's other services go by it too.
    second_building = make_location(name="Library")
    make_schedule(
        service=make_service(name="Reading group"),
        location=second_building,
        byday="WE",
        **hours(time(18), time(20)),
    )
    make_service_at_location(make_service(name="Library help desk"), second_building)
    make_service(name="No hours at all")


def moments_between(start, end, step):
    moment = start.astimezone(UTC)
    while moment < end:
        yield moment
        moment += step


def assert_sql_agrees_with_python(moments):
    services = Service.objects.all()
    # Read once: the schedules do not change from one moment to the next.
    schedules = schedules_by_service(services)
    disagreements = [
        (moment.astimezone(CHICAGO).isoformat(), expected, found)
        for moment in moments
        if (expected := {pk for pk, of_one in schedules.items() if is_open(of_one, moment)})
        != (found := set(services.open_at(moment).values_list("pk", flat=True)))
    ]
    assert disagreements == []


@pytest.mark.parametrize(
    ("refreshed", "change"),
    [
        (local(2026, 2, 20, 12), datetime(2026, 3, 8, 8, tzinfo=UTC)),
        (local(2026, 10, 10, 12), datetime(2026, 11, 1, 7, tzinfo=UTC)),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_open_now_in_sql_agrees_with_the_schedules_rule(directory, refreshed, change):
    refresh_opening_spans(now=refreshed)

    # Every 97 minutes for five weeks lands on every minute of the hour, on every day.
    assert_sql_agrees_with_python(
        moments_between(refreshed, refreshed + timedelta(days=35), timedelta(minutes=97))
    )
    # Every 5 minutes (in UTC: the repeated hour is walked through twice) around the change.
    assert_sql_agrees_with_python(
        moments_between(
            change - timedelta(hours=4), change + timedelta(hours=6), timedelta(minutes=5)
        )
    )
    # A minute before, on and after every opening and closing time, on a monthly day.
    for day in (date(2026, 3, 10), date(2026, 11, 13)):
        if refreshed.date() <= day <= (refreshed + timedelta(days=35)).date():
            assert_sql_agrees_with_python(
                datetime.combine(day, boundary, tzinfo=CHICAGO) + timedelta(minutes=offset)
                for boundary in BOUNDARIES
                for offset in (-1, 0, 1)
            )


BOUNDARIES = sorted(
    {fields.get(name) or time(0) for fields in SCHEDULES for name in ("opens_at", "closes_at")}
)


def test_overnight_hours_are_split_at_midnight_and_at_the_end_of_the_week(db):
    sunday_night = make_schedule(byday="SU", **hours(time(22), time(3)))

    assert weekly_spans(sunday_night) == [(6 * 1440 + 22 * 60, 7 * 1440), (0, 3 * 60)]


def test_saving_a_schedule_rewrites_its_opening_hours(db):
    schedule = make_schedule(byday="MO", **hours(time(9), time(17)))
    monday_noon = local(2026, 11, 30, 12)
    assert Service.objects.open_at(monday_noon).get() == schedule.service

    schedule.byday = "TU"
    schedule.save()

    assert not Service.objects.open_at(monday_noon).exists()


def test_deleting_a_schedule_deletes_its_opening_hours(db):
    schedule = make_schedule(byday="", freq=WEEKLY)
    make_schedule(service=schedule.service, freq=MONTHLY, byday="2TU")

    Schedule.objects.filter(service=schedule.service).delete()

    assert not OpeningSpan.objects.exists()
    assert not OpeningOccurrence.objects.exists()


def test_a_schedule_deleted_in_sql_leaves_no_hours_after_a_refresh(db):
    schedule = make_schedule(byday="")
    Schedule.objects.filter(pk=schedule.pk)._raw_delete(Schedule.objects.db)

    refresh_opening_spans([schedule.service_id])

    assert not Service.objects.open_at(local(2026, 11, 30, 12)).exists()


def test_the_command_rewrites_every_schedule(db):
    schedule = make_schedule(byday="")
    OpeningSpan.objects.all().delete()

    call_command("refresh_opening_hours", verbosity=0)

    assert Service.objects.open_at(local(2026, 11, 30, 12)).get() == schedule.service


@pytest.mark.parametrize(
    ("start", "end"),
    [(600, 600), (700, 600), (1400, 1500), (10000, 10081)],
    ids=["empty", "backwards", "past-midnight", "past-the-week"],
)
def test_the_database_refuses_a_span_that_breaks_the_rules(db, start, end):
    schedule = make_schedule()

    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningSpan.objects.create(
            schedule=schedule, service=schedule.service, start_minute=start, end_minute=end
        )


def test_imported_schedules_are_open_now_and_replaced_ones_are_not(db, tmp_path):
    def a_file(byday):
        schedule = {
            "id": "1b8f2c4d-6e7f-4a8b-9c0d-0000000000c1",
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": "09:00",
            "closes_at": "17:00",
        }
        path = tmp_path / "services.json"
        path.write_text(json.dumps(a_service(schedules=[schedule])))
        return path

    monday_noon = local(2026, 11, 30, 12)
    assert import_hsds(a_file("MO")).ok
    assert Service.objects.open_at(monday_noon).count() == 1

    assert import_hsds(a_file("TU")).ok

    assert not Service.objects.open_at(monday_noon).exists()


def test_a_generated_directory_is_open_now_as_its_schedules_say_and_goes_away_whole(db):
    add_places()
    generate(60)
    services = Service.objects.all()

    assert_sql_agrees_with_python(
        moments_between(local(2026, 12, 1), local(2026, 12, 8), timedelta(minutes=173))
    )
    assert services.open_at(local(2026, 12, 2, 11)).exists()

    generate(60, 7, "--replace")
    assert_sql_agrees_with_python([local(2026, 12, 2, 11), local(2026, 12, 5, 19)])


def test_a_reimport_closes_the_schedules_it_leaves_out_and_moves_those_it_moves(db, tmp_path):
    other_id = "1b8f2c4d-6e7f-4a8b-9c0d-0000000000d2"
    schedule = {
        "id": "1b8f2c4d-6e7f-4a8b-9c0d-0000000000c1",
        "freq": "WEEKLY",
        "byday": "MO",
        "opens_at": "09:00",
        "closes_at": "17:00",
    }

    def a_file(first_schedules, other_schedules):
        path = tmp_path / "services.json"
        services = [
            a_service(schedules=first_schedules),
            a_service(id=other_id, name="Walking group", schedules=other_schedules),
        ]
        path.write_text(json.dumps(services))
        return path

    monday_noon = local(2026, 11, 30, 12)
    assert import_hsds(a_file([schedule], [])).ok
    first = Service.objects.exclude(pk=other_id).get()
    assert list(Service.objects.open_at(monday_noon)) == [first]

    assert import_hsds(a_file([], [schedule])).ok

    assert list(Service.objects.open_at(monday_noon).values_list("name", flat=True)) == [
        "Walking group"
    ]

    assert import_hsds(a_file([], [])).ok

    assert not Service.objects.open_at(monday_noon).exists()
    assert not OpeningSpan.objects.exists()

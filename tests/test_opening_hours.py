"""Open now, next meetings and the meetings calendar, with the clock passed in as `now`.

Dates are in 2026-2027, in America/Chicago: daylight saving time starts on Sunday 8 March 2026
and ends on Sunday 1 November 2026.
"""

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources import vocabulary
from resources.models import Service
from resources.schedules.calendar import escape_text, fold
from resources.schedules.opening import (
    EPOCH,
    is_open,
    next_meetings,
    occurrences,
    open_service_ids,
    opening_status,
)
from tests.factories import (
    make_location,
    make_schedule,
    make_service,
    make_service_at_location,
)
from tests.fixtures_chicago import (
    MONTHLY,
    WEEKLY,
    in_chicago,  # noqa: F401 (an autouse fixture)
    local,
    make_group,
)


def meeting_starts(service, now, count=5):
    return [meeting.start for meeting in next_meetings(service, now, count=count)]


# Overnight hours


@pytest.fixture
def friday_nights(db):
    return make_schedule(byday="FR", opens_at=time(18), closes_at=time(2))


def test_overnight_hours_are_open_after_midnight_on_the_next_day(friday_nights):
    assert is_open([friday_nights], local(2026, 11, 28, 1, 30))


def test_overnight_hours_close_at_the_closing_time_on_the_next_day(friday_nights):
    assert not is_open([friday_nights], local(2026, 11, 28, 2, 30))
    assert not is_open([friday_nights], local(2026, 11, 28, 2, 0))


def test_overnight_hours_open_at_the_opening_time(friday_nights):
    assert not is_open([friday_nights], local(2026, 11, 27, 17, 59))
    assert is_open([friday_nights], local(2026, 11, 27, 18, 0))


def test_overnight_hours_do_not_open_after_midnight_of_other_days(friday_nights):
    assert not is_open([friday_nights], local(2026, 11, 27, 1, 30))


def test_overnight_hours_say_when_they_close(friday_nights):
    status = opening_status(friday_nights.service, local(2026, 11, 27, 20, 0))

    assert status.is_open
    assert status.text == "Open now · closes 2 a.m."


def test_after_overnight_hours_the_next_opening_is_given(friday_nights):
    status = opening_status(friday_nights.service, local(2026, 11, 28, 2, 30))

    assert not status.is_open
    assert status.text == "Opens Friday 6 p.m."


def test_the_moment_may_be_given_in_utc(friday_nights):
    # Saturday 01:30 in Chicago (CST, UTC-6).
    assert is_open([friday_nights], datetime(2026, 11, 28, 7, 30, tzinfo=UTC))
    assert not is_open([friday_nights], datetime(2026, 11, 28, 8, 30, tzinfo=UTC))


# Around the clock


@pytest.fixture
def around_the_clock(db):
    return make_schedule(byday="")


@pytest.mark.parametrize(
    "moment",
    [local(2026, 11, 25, 0, 0), local(2026, 11, 29, 23, 59), local(2026, 3, 8, 2, 30)],
)
def test_around_the_clock_is_always_open(around_the_clock, moment):
    assert is_open([around_the_clock], moment)


def test_around_the_clock_says_open_24_hours(around_the_clock):
    status = opening_status(around_the_clock.service, local(2026, 11, 25, 3, 0))

    assert status.text == "Open 24 hours"


def test_every_day_all_day_written_as_days_is_open_24_hours_too(db):
    schedule = make_schedule(byday="MO,TU,WE,TH,FR,SA,SU")

    assert opening_status(schedule.service, local(2026, 11, 25, 3, 0)).text == "Open 24 hours"


def test_whole_weekdays_close_at_the_end_of_friday(db):
    schedule = make_schedule(byday="MO,TU,WE,TH,FR")

    status = opening_status(schedule.service, local(2026, 11, 25, 10, 0))

    assert status.text == "Open now · closes Saturday midnight"


# Weekly hours


@pytest.fixture
def office_hours(db):
    return make_schedule(byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17))


def test_weekly_hours_are_open_inside_the_hours(office_hours):
    assert is_open([office_hours], local(2026, 11, 25, 9, 0))
    assert is_open([office_hours], local(2026, 11, 25, 16, 59))
    assert not is_open([office_hours], local(2026, 11, 25, 17, 0))
    assert not is_open([office_hours], local(2026, 11, 28, 12, 0))


def test_weekly_hours_say_open_now_and_when_they_close(office_hours):
    status = opening_status(office_hours.service, local(2026, 11, 25, 10, 0))

    assert status.state == "open"
    assert status.text == "Open now · closes 5 p.m."


def test_weekly_hours_say_when_they_open_next(office_hours):
    service = office_hours.service

    assert opening_status(service, local(2026, 11, 27, 18, 0)).text == "Opens Monday 9 a.m."
    assert opening_status(service, local(2026, 11, 29, 12, 0)).text == "Opens tomorrow 9 a.m."
    assert opening_status(service, local(2026, 11, 25, 7, 0)).text == "Opens today 9 a.m."


def test_a_service_without_schedules_has_no_status(db):
    assert opening_status(make_service(), local(2026, 11, 25, 10, 0)) is None


def test_occurrences_between_two_moments(office_hours):
    found = occurrences(office_hours, local(2026, 11, 27, 12, 0), local(2026, 12, 1, 12, 0))

    assert [occurrence.start for occurrence in found] == [
        local(2026, 11, 27, 9),
        local(2026, 11, 30, 9),
        local(2026, 12, 1, 9),
    ]
    assert found[0].end == local(2026, 11, 27, 17)


# Meetings: every week, every other week, monthly


def test_a_weekly_meeting_comes_every_week(db):
    group = make_group()
    make_schedule(service=group, byday="TH", opens_at=time(18, 30), closes_at=time(20))

    assert meeting_starts(group, local(2026, 11, 25, 12, 0), count=3) == [
        local(2026, 11, 26, 18, 30),
        local(2026, 12, 3, 18, 30),
        local(2026, 12, 10, 18, 30),
    ]


def test_a_fortnightly_meeting_keeps_the_rhythm_of_its_start_date(db):
    group = make_group()
    make_schedule(
        service=group,
        byday="TU",
        interval=2,
        dtstart=date(2026, 12, 1),
        opens_at=time(19),
        closes_at=time(20, 30),
    )

    assert meeting_starts(group, local(2026, 11, 25, 12, 0), count=3) == [
        local(2026, 12, 1, 19),
        local(2026, 12, 15, 19),
        local(2026, 12, 29, 19),
    ]
    assert not is_open(group.schedules.all(), local(2026, 12, 8, 19, 30))
    assert is_open(group.schedules.all(), local(2026, 12, 15, 19, 30))


def test_a_fortnightly_meeting_without_a_start_date_keeps_the_rhythm_of_the_epoch(db):
    group = make_group()
    make_schedule(service=group, byday="TU", interval=2, opens_at=time(19), closes_at=time(20))

    starts = meeting_starts(group, local(2026, 11, 25, 12, 0), count=3)

    assert [b - a for a, b in pairwise(starts)] == [timedelta(days=14)] * 2
    monday = starts[0].date() - timedelta(days=1)
    assert (monday - EPOCH).days % 14 == 0


def test_a_second_tuesday_meeting_is_on_the_second_tuesday_of_each_month(db):
    group = make_group()
    make_schedule(
        service=group, freq=MONTHLY, byday="2TU", opens_at=time(19), closes_at=time(20, 30)
    )

    assert meeting_starts(group, local(2026, 11, 25, 12, 0), count=3) == [
        local(2026, 12, 8, 19),
        local(2027, 1, 12, 19),
        local(2027, 2, 9, 19),
    ]


def test_a_support_group_says_when_it_meets_next(db):
    group = make_group()
    make_schedule(
        service=group, freq=MONTHLY, byday="2TU", opens_at=time(19), closes_at=time(20, 30)
    )

    status = opening_status(group, local(2026, 11, 25, 12, 0))

    assert status.state == "meeting"
    assert status.text == "Next meeting: Tuesday 8 December, 7 p.m."


def test_a_support_group_meeting_now_says_until_when(db):
    group = make_group()
    make_schedule(
        service=group, freq=MONTHLY, byday="2TU", opens_at=time(19), closes_at=time(20, 30)
    )

    status = opening_status(group, local(2026, 12, 8, 19, 45))

    assert status.is_open
    assert status.text == "Meeting now · until 8:30 p.m."


def test_a_last_friday_meeting_is_on_the_last_friday_of_each_month(db):
    group = make_group()
    make_schedule(service=group, freq=MONTHLY, byday="-1FR", opens_at=time(18), closes_at=time(19))

    assert meeting_starts(group, local(2026, 11, 25, 12, 0), count=4) == [
        local(2026, 11, 27, 18),
        local(2026, 12, 25, 18),
        local(2027, 1, 29, 18),
        local(2027, 2, 26, 18),
    ]


def test_days_of_the_month_count_from_the_end_when_negative(db):
    group = make_group()
    make_schedule(
        service=group,
        freq=MONTHLY,
        byday="",
        bymonthday="1,-1",
        opens_at=time(12),
        closes_at=time(13),
    )

    assert [start.date() for start in meeting_starts(group, local(2026, 11, 25), count=4)] == [
        date(2026, 11, 30),
        date(2026, 12, 1),
        date(2026, 12, 31),
        date(2027, 1, 1),
    ]


def test_meetings_come_from_all_schedules_in_order(db):
    group = make_group()
    make_schedule(service=group, freq=MONTHLY, byday="-1FR", opens_at=time(18), closes_at=time(19))
    make_schedule(service=group, freq=MONTHLY, byday="2TU", opens_at=time(19), closes_at=time(20))

    assert meeting_starts(group, local(2026, 11, 25), count=3) == [
        local(2026, 11, 27, 18),
        local(2026, 12, 8, 19),
        local(2026, 12, 25, 18),
    ]


# Daylight saving time


def test_a_meeting_on_the_sunday_daylight_saving_time_ends_stays_at_7_pm(db):
    group = make_group()
    make_schedule(service=group, byday="SU", opens_at=time(19), closes_at=time(20))

    starts = meeting_starts(group, local(2026, 10, 20), count=3)

    assert [(start.date(), start.hour) for start in starts] == [
        (date(2026, 10, 25), 19),
        (date(2026, 11, 1), 19),
        (date(2026, 11, 8), 19),
    ]
    # In UTC the meeting moves an hour later when the clocks go back.
    assert [start.astimezone(UTC).hour for start in starts] == [0, 1, 1]
    assert is_open(group.schedules.all(), datetime(2026, 11, 2, 1, 30, tzinfo=UTC))
    assert not is_open(group.schedules.all(), datetime(2026, 11, 2, 0, 30, tzinfo=UTC))


def test_a_meeting_on_the_sunday_daylight_saving_time_starts_stays_at_7_pm(db):
    group = make_group()
    make_schedule(service=group, byday="SU", opens_at=time(19), closes_at=time(20))

    starts = meeting_starts(group, local(2026, 2, 28), count=2)

    assert [(start.date(), start.hour) for start in starts] == [
        (date(2026, 3, 1), 19),
        (date(2026, 3, 8), 19),
    ]
    assert [start.astimezone(UTC).hour for start in starts] == [1, 0]
    assert is_open(group.schedules.all(), datetime(2026, 3, 9, 0, 30, tzinfo=UTC))
    assert not is_open(group.schedules.all(), datetime(2026, 3, 9, 1, 30, tzinfo=UTC))


def test_overnight_hours_across_the_change_close_at_the_local_closing_time(db):
    schedule = make_schedule(byday="SA", opens_at=time(22), closes_at=time(6))

    (night,) = occurrences(schedule, local(2026, 10, 31, 23), local(2026, 11, 1, 1))

    assert night.end.hour == 6
    assert night.end.astimezone(UTC) - night.start.astimezone(UTC) == timedelta(hours=9)
    assert is_open([schedule], datetime(2026, 11, 1, 11, 30, tzinfo=UTC))  # 05:30 CST
    assert not is_open([schedule], datetime(2026, 11, 1, 12, 30, tzinfo=UTC))  # 06:30 CST


# Start and end dates


def test_a_schedule_that_ended_is_never_open_and_has_no_next_meeting(db):
    group = make_group()
    make_schedule(
        service=group,
        byday="MO,TU,WE,TH,FR",
        until=date(2026, 6, 30),
        opens_at=time(9),
        closes_at=time(17),
    )

    assert not is_open(group.schedules.all(), local(2026, 11, 25, 10, 0))
    assert next_meetings(group, local(2026, 11, 25, 10, 0)) == []
    assert opening_status(group, local(2026, 11, 25, 10, 0)) is None


def test_a_schedule_is_open_on_its_last_day_and_not_after(db):
    schedule = make_schedule(
        byday="", until=date(2026, 11, 30), opens_at=time(9), closes_at=time(17)
    )

    assert is_open([schedule], local(2026, 11, 30, 12))
    assert not is_open([schedule], local(2026, 12, 1, 12))


def test_a_schedule_that_has_not_started_is_not_open_yet(db):
    schedule = make_schedule(
        byday="", dtstart=date(2027, 1, 4), opens_at=time(9), closes_at=time(17)
    )

    assert not is_open([schedule], local(2026, 11, 25, 12))
    status = opening_status(schedule.service, local(2026, 11, 25, 12))
    assert status.text == "Opens Monday 4 January 9 a.m."


# Service hours and location hours


def test_a_service_without_its_own_hours_keeps_the_hours_of_its_location(db):
    service = make_service()
    location = make_location()
    make_service_at_location(service=service, location=location)
    make_schedule(service=None, location=location, opens_at=time(9), closes_at=time(17))
    service = Service.objects.for_cards().get(pk=service.pk)

    assert opening_status(service, local(2026, 11, 25, 10)).text == "Open now · closes 5 p.m."
    assert open_service_ids(Service.objects.all(), local(2026, 11, 25, 10)) == {service.pk}
    assert open_service_ids(Service.objects.all(), local(2026, 11, 25, 18)) == set()


def test_a_service_with_its_own_hours_keeps_them_rather_than_its_locations(db):
    service = make_service()
    location = make_location()
    make_service_at_location(service=service, location=location)
    make_schedule(service=None, location=location, opens_at=time(9), closes_at=time(17))
    make_schedule(service=service, opens_at=time(18), closes_at=time(21))
    service = Service.objects.for_cards().get(pk=service.pk)

    assert opening_status(service, local(2026, 11, 25, 10)).text == "Opens today 6 p.m."
    assert open_service_ids(Service.objects.all(), local(2026, 11, 25, 10)) == set()
    assert open_service_ids(Service.objects.all(), local(2026, 11, 25, 19)) == {service.pk}


def test_open_service_ids_keeps_to_the_given_services(db):
    open_one = make_schedule(byday="").service
    make_schedule(byday="")
    make_schedule(byday="SA")

    moment = local(2026, 11, 25, 10)
    assert open_service_ids(Service.objects.filter(pk=open_one.pk), moment) == {open_one.pk}
    assert len(open_service_ids(Service.objects.all(), moment)) == 2


def test_open_service_ids_takes_the_same_number_of_queries_however_many_services(db):
    def queries_for(count):
        for number in range(count):
            service = make_service()
            location = make_location()
            make_service_at_location(service=service, location=location)
            make_schedule(service=service if number % 2 else None, location=location)
        with CaptureQueriesContext(connection) as context:
            open_service_ids(Service.objects.published(), local(2026, 11, 25, 10))
        return len(context)

    assert queries_for(2) == queries_for(12) == 3


# Pages


def test_a_card_shows_the_opening_status(client, db):
    service = make_service(terms=[(vocabulary.SUPPORT, "emotional")])
    make_schedule(service=service, byday="")

    page = client.get(reverse("resources:kind_of_support", args=["emotional"])).content.decode()

    assert '<p class="opening-status opening-status--open">Open 24 hours</p>' in page


def test_a_list_page_takes_the_same_number_of_queries_however_many_scheduled_cards(client, db):
    def queries_for(count):
        for _number in range(count):
            service = make_service(terms=[(vocabulary.SUPPORT, "emotional")])
            location = make_location()
            make_service_at_location(service=service, location=location)
            make_schedule(service=service)
            make_schedule(service=None, location=location)
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("resources:kind_of_support", args=["emotional"]))
        return len(context)

    assert queries_for(2) == queries_for(8)


def test_the_detail_page_shows_the_status_and_the_next_meetings(client, db):
    group = make_group(name="Tuesday peers")
    make_schedule(service=group, byday="TU", opens_at=time(19), closes_at=time(20, 30))

    page = client.get(group.get_absolute_url()).content.decode()

    assert 'class="opening-status opening-status--meeting' in page
    assert "Next meetings" in page
    assert page.count('<time datetime="') == 5
    assert f'href="{reverse("resources:meetings_calendar", args=[group.slug])}"' in page
    assert "Add to calendar" in page


def test_the_detail_page_of_opening_hours_has_no_calendar_link(client, db):
    schedule = make_schedule(byday="")

    page = client.get(schedule.service.get_absolute_url()).content.decode()

    assert "Open 24 hours" in page
    assert "Add to calendar" not in page


# The meetings calendar (.ics)


def unfold(text):
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CRLF"
    physical = text.split("\r\n")
    assert physical[-1] == ""
    assert all(len(line.encode()) <= 75 for line in physical)
    lines = []
    for line in physical[:-1]:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def parse_calendar(text):
    """Components as nested dicts of (name, parameters, value) lists: enough to check ours."""
    root = {"name": "ROOT", "properties": [], "components": []}
    stack = [root]
    for line in unfold(text):
        name_and_parameters, value = line.split(":", 1)
        name, *parameters = name_and_parameters.split(";")
        if name == "BEGIN":
            component = {"name": value, "properties": [], "components": []}
            stack[-1]["components"].append(component)
            stack.append(component)
        elif name == "END":
            assert stack.pop()["name"] == value
        else:
            stack[-1]["properties"].append(
                (name, dict(parameter.split("=", 1) for parameter in parameters), value)
            )
    assert stack == [root]
    (calendar,) = root["components"]
    return calendar


def prop(component, name):
    (found,) = [
        (parameters, value) for key, parameters, value in component["properties"] if key == name
    ]
    return found


def rrule_parts(event):
    return dict(part.split("=", 1) for part in prop(event, "RRULE")[1].split(";"))


def calendar_of(client, service):
    response = client.get(reverse("resources:meetings_calendar", args=[service.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return parse_calendar(response.content.decode())


def test_the_calendar_has_one_event_with_a_rule_per_schedule(client, db):
    group = make_group(name="Grief circle")
    fortnightly = make_schedule(
        service=group,
        byday="TU",
        interval=2,
        dtstart=date(2026, 12, 1),
        until=date(2027, 6, 29),
        opens_at=time(19),
        closes_at=time(20, 30),
    )
    last_friday = make_schedule(
        service=group, freq=MONTHLY, byday="-1FR", opens_at=time(18), closes_at=time(19)
    )

    calendar = calendar_of(client, group)

    assert calendar["name"] == "VCALENDAR"
    assert prop(calendar, "VERSION")[1] == "2.0"
    events = {
        prop(event, "UID")[1]: event
        for event in calendar["components"]
        if event["name"] == "VEVENT"
    }
    assert set(events) == {str(fortnightly.pk), str(last_friday.pk)}

    event = events[str(fortnightly.pk)]
    assert rrule_parts(event) == {
        "FREQ": "WEEKLY",
        "INTERVAL": "2",
        "BYDAY": "TU",
        "UNTIL": "20270630T045959Z",
    }
    assert prop(event, "DTSTART") == ({"TZID": "America/Chicago"}, "20261201T190000")
    assert prop(event, "DTEND") == ({"TZID": "America/Chicago"}, "20261201T203000")
    assert prop(event, "SUMMARY")[1] == "Grief circle"
    assert prop(event, "URL")[1] == "http://testserver" + group.get_absolute_url()

    event = events[str(last_friday.pk)]
    assert rrule_parts(event) == {"FREQ": "MONTHLY", "BYDAY": "-1FR"}
    parameters, start = prop(event, "DTSTART")
    assert parameters == {"TZID": "America/Chicago"}
    assert datetime.strptime(start, "%Y%m%dT%H%M%S").weekday() == 4


def test_the_calendar_describes_its_time_zone(client, db):
    group = make_group()
    make_schedule(service=group, byday="SU", opens_at=time(19), closes_at=time(20))

    calendar = calendar_of(client, group)

    (zone,) = [c for c in calendar["components"] if c["name"] == "VTIMEZONE"]
    assert prop(zone, "TZID")[1] == "America/Chicago"
    changes = {
        (c["name"], prop(c, "DTSTART")[1], prop(c, "TZOFFSETFROM")[1], prop(c, "TZOFFSETTO")[1])
        for c in zone["components"]
    }
    assert ("DAYLIGHT", "20270314T020000", "-0600", "-0500") in changes
    assert ("STANDARD", "20271107T020000", "-0500", "-0600") in changes


def test_the_calendar_escapes_text_and_places_the_meeting(client, db):
    group = make_group(name="Peers, friends; and family")
    location = make_location(name="Hall", address_1="12 Elm Street")
    make_service_at_location(service=group, location=location)
    make_schedule(service=group, byday="WE", opens_at=time(18), closes_at=time(19))

    response = client.get(reverse("resources:meetings_calendar", args=[group.slug]))
    text = response.content.decode()
    (event,) = [c for c in parse_calendar(text)["components"] if c["name"] == "VEVENT"]

    assert prop(event, "SUMMARY")[1] == "Peers\\, friends\\; and family"
    assert prop(event, "LOCATION")[1].startswith("Hall\\, 12 Elm Street")
    assert response["Content-Disposition"] == f'attachment; filename="{group.slug}.ics"'


def test_the_calendar_gives_all_day_schedules_as_dates(client, db):
    group = make_group()
    make_schedule(service=group, byday="SA", until=date(2030, 1, 5))

    (event,) = [c for c in calendar_of(client, group)["components"] if c["name"] == "VEVENT"]

    assert prop(event, "DTSTART")[0] == {"VALUE": "DATE"}
    assert rrule_parts(event) == {"FREQ": "WEEKLY", "BYDAY": "SA", "UNTIL": "20300105"}


def test_the_calendar_leaves_out_schedules_that_ended(client, db):
    group = make_group()
    make_schedule(
        service=group, byday="MO", until=date(2020, 1, 6), opens_at=time(9), closes_at=time(10)
    )

    events = [c for c in calendar_of(client, group)["components"] if c["name"] == "VEVENT"]

    assert events == []


@pytest.mark.parametrize("status", [Service.Status.DRAFT, Service.Status.INACTIVE])
def test_the_calendar_of_an_unpublished_service_is_not_found(client, db, status):
    schedule = make_schedule(service=make_group(status=status), byday="TU")

    response = client.get(reverse("resources:meetings_calendar", args=[schedule.service.slug]))

    assert response.status_code == 404


def test_the_calendar_of_a_service_without_schedules_is_not_found(client, db):
    response = client.get(reverse("resources:meetings_calendar", args=[make_group().slug]))

    assert response.status_code == 404


def test_the_calendar_only_answers_get_and_head(client, db):
    schedule = make_schedule(service=make_group(), byday="TU")

    response = client.post(reverse("resources:meetings_calendar", args=[schedule.service.slug]))

    assert response.status_code == 405


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + "Grüße, " * 40

    folded = fold(line)

    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_text_is_escaped():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


# The admin: plain fields that write byday


def schedule_admin_data(service, **overrides):
    data = {
        "freq": WEEKLY,
        "interval": 1,
        "byday": "",
        "bymonthday": "",
        "dtstart": "",
        "until": "",
        "opens_at": "19:00",
        "closes_at": "20:30",
        "description": "",
        "service": service.pk,
        "location": "",
    }
    data.update(overrides)
    return data


def add_schedule(curator_client, data):
    return curator_client.post(reverse("admin:resources_schedule_add"), data)


def test_day_checkboxes_write_the_weekly_days(curator_client):
    service = make_service()

    response = add_schedule(curator_client, schedule_admin_data(service, weekdays=["WE", "MO"]))

    assert response.status_code == 302
    assert service.schedules.get().byday == "MO,WE"


def test_which_week_and_day_write_the_monthly_rule(curator_client):
    service = make_service()

    add_schedule(
        curator_client,
        schedule_admin_data(service, freq=MONTHLY, month_week="2", month_weekday="TU"),
    )

    schedule = service.schedules.get()
    assert schedule.byday == "2TU"
    assert schedule.in_words.startswith("The second Tuesday of every month")


def test_the_last_week_of_the_month_is_written_minus_one(curator_client):
    service = make_service()

    add_schedule(
        curator_client,
        schedule_admin_data(service, freq=MONTHLY, month_week="-1", month_weekday="FR"),
    )

    assert service.schedules.get().byday == "-1FR"


def test_a_typed_rule_is_kept_when_the_plain_fields_are_left_alone(curator_client):
    service = make_service()

    add_schedule(curator_client, schedule_admin_data(service, freq=MONTHLY, byday="1MO,-1FR"))

    assert service.schedules.get().byday == "1MO,-1FR"


def test_a_week_without_a_day_is_refused(curator_client):
    service = make_service()

    response = add_schedule(
        curator_client, schedule_admin_data(service, freq=MONTHLY, month_week="2")
    )

    assert response.status_code == 200
    assert "Choose both the weeks and the day" in response.content.decode()
    assert not service.schedules.exists()


def test_the_change_form_shows_the_rule_in_the_plain_fields(curator_client):
    schedule = make_schedule(freq=MONTHLY, byday="-1FR", opens_at=time(18), closes_at=time(19))

    response = curator_client.get(reverse("admin:resources_schedule_change", args=[schedule.pk]))

    form = response.context["adminform"].form
    assert form.initial["month_week"] == ["-1"]
    assert form.initial["month_weekday"] == "FR"
    assert schedule.in_words in response.content.decode()


def test_the_service_page_offers_day_checkboxes_for_its_schedules(curator_client):
    schedule = make_schedule(byday="MO,TH")

    response = curator_client.get(
        reverse("admin:resources_service_change", args=[schedule.service.pk])
    )

    content = response.content.decode()
    assert 'name="schedules-0-weekdays" value="MO"' in content
    assert 'name="schedules-0-month_week"' in content

""" "Open or meeting this week": the services with an opening or a meeting in the seven days
from now, filtered in SQL from the opening-hours rows, as the schedules' own rule says."""

from datetime import UTC, date, time, timedelta
from itertools import takewhile

import pytest
from django.utils import timezone

from resources.models import Service
from resources.schedules.open_now import open_between, refresh_opening_spans
from resources.schedules.opening import schedules_of, upcoming
from tests.factories import make_schedule, make_service
from tests.fixtures_chicago import in_chicago  # noqa: F401 (an autouse fixture)
from tests.test_open_now_in_sql import directory, local  # noqa: F401 (a fixture)
from tests.test_search_page import page_of, result_names

pytestmark = pytest.mark.django_db


def hours(opens, closes):
    return {"opens_at": opens, "closes_at": closes}


def open_within_a_week_by_the_schedules(moment):
    week_later = moment.astimezone(UTC) + timedelta(days=7)
    return {
        service.pk
        for service in Service.objects.for_cards()
        if any(
            True
            for _occurrence in takewhile(
                lambda occurrence: occurrence.start.astimezone(UTC) < week_later,
                upcoming(schedules_of(service), moment),
            )
        )
    }


@pytest.mark.parametrize(
    "refreshed",
    [local(2026, 2, 20, 12), local(2026, 10, 10, 12)],
    ids=["before-spring-forward", "before-fall-back"],
)
def test_open_this_week_in_sql_agrees_with_the_schedules_rule(directory, refreshed):  # noqa: F811
    refresh_opening_spans(now=refreshed)
    for days in range(0, 40, 3):
        moment = refreshed + timedelta(days=days, hours=days * 5)
        found = set(Service.objects.open_this_week(moment).values_list("pk", flat=True))
        assert found == open_within_a_week_by_the_schedules(moment), moment.isoformat()


def test_it_refuses_a_window_longer_than_the_weekly_hours_repeat():
    now = timezone.now()
    with pytest.raises(ValueError):
        open_between(now, now + timedelta(days=8))


def test_the_search_page_keeps_the_services_open_or_meeting_this_week(client):
    weekly = make_service(name="Weekly peer group")
    make_schedule(service=weekly, byday="MO,TU,WE,TH,FR,SA,SU", **hours(time(18), time(19)))
    far_ahead = timezone.localdate() + timedelta(days=20)
    later = make_service(name="Starts in three weeks")
    make_schedule(service=later, dtstart=far_ahead, byday="MO,TU,WE,TH,FR,SA,SU")
    ended = make_service(name="Ended long ago")
    make_schedule(service=ended, byday="MO", dtstart=date(2020, 1, 1), until=date(2020, 2, 1))
    make_service(name="No hours given")

    page = page_of(client, "this_week=1")

    assert result_names(page) == ["Weekly peer group"]
    assert 'id="f-this-week" checked' in page
    chip = '<a class="chip" href="/search/?"><span class="visually-hidden">Remove filter:</span>'
    assert f"{chip} Open or meeting this week" in page


def test_without_the_filter_every_service_is_listed_and_the_box_is_unticked(client):
    make_service(name="No hours given")
    page = page_of(client, "")
    assert result_names(page) == ["No hours given"]
    assert 'id="f-this-week">' in page


def test_with_nothing_open_this_week_the_page_offers_to_drop_the_filter(client):
    make_service(name="No hours given")
    page = page_of(client, "this_week=1")
    assert result_names(page) == []
    assert "Remove “Open or meeting this week”</a> to see 1 service." in page

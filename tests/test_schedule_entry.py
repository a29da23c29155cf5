"""Schedules a curator can enter (issue 14): times as people type them, several weeks of the
month in one row, no rule saved as another than the one chosen, a first date for every other
week, and rules in calendar order."""

from datetime import date, time

import pytest
from django.urls import reverse

from resources.models import Schedule
from resources.schedules.words import parse_time
from tests.conftest import assert_saved
from tests.factories import make_schedule, make_service
from tests.test_admin_save import change_url, rendered_form_data

pytestmark = pytest.mark.django_db

ROW = "schedules-0-"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6:30 pm", time(18, 30)),
        ("6:30pm", time(18, 30)),
        ("6.30pm", time(18, 30)),
        ("6.30 p.m.", time(18, 30)),
        ("18:30", time(18, 30)),
        ("6 pm", time(18)),
        ("6PM", time(18)),
        ("9 am", time(9)),
        ("noon", time(12)),
        ("12pm", time(12)),
        ("12am", time(0)),
        ("midnight", time(0)),
        ("18", time(18)),
    ],
)
def test_times_are_read_as_people_type_them(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "pm", "13 pm", "0 am", "25:00", "6:75", "6m", "soon"])
def test_what_is_not_a_time_is_none(text):
    assert parse_time(text) is None


def one_schedule_form(client, **schedule):
    """The service's change form as rendered, with one schedule row."""
    service = make_service(name="Tuesday Circle")
    make_schedule(service=service, **{"byday": "TU", **schedule})
    return service, rendered_form_data(client.get(change_url(service)))


def post_row(client, service, data, **row):
    fields = {f"{ROW}{name}": value for name, value in row.items()}
    return client.post(change_url(service), {**data, **fields})


def row_errors(response):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == "schedules":
            return inline.formset.forms[0].errors
    raise AssertionError("no schedules inline")


def test_a_time_typed_as_6_30_pm_is_saved(curator_client):
    service, data = one_schedule_form(curator_client)

    assert_saved(post_row(curator_client, service, data, opens_at="6:30 pm", closes_at="8pm"))

    schedule = service.schedules.get()
    assert (schedule.opens_at, schedule.closes_at) == (time(18, 30), time(20))


def test_a_bad_time_says_the_format(curator_client):
    service, data = one_schedule_form(curator_client)

    response = post_row(curator_client, service, data, opens_at="half six", closes_at="8pm")

    assert response.status_code == 200
    assert "6:30 pm or 18:30" in str(row_errors(response)["opens_at"])


def test_the_time_help_shows_an_example(curator_client):
    service, _data = one_schedule_form(curator_client)

    assert "6:30 pm" in curator_client.get(change_url(service)).text


def test_the_2nd_and_4th_tuesday_in_one_row(curator_client, client):
    service, data = one_schedule_form(curator_client)

    response = post_row(
        curator_client,
        service,
        data,
        freq="MONTHLY",
        weekdays=[],
        month_week=["2", "4"],
        month_weekday="TU",
        opens_at="7pm",
        closes_at="9pm",
    )

    assert_saved(response)
    assert service.schedules.get().byday == "2TU,4TU"
    page = client.get(service.get_absolute_url()).text
    assert "The second and fourth Tuesday of every month, 7 p.m. to 9 p.m." in page


def test_the_form_shows_several_weeks_again(curator_client):
    service, data = one_schedule_form(curator_client, freq="MONTHLY", byday="2TU,4TU")

    assert data[f"{ROW}month_week"] == ["2", "4"]
    assert data[f"{ROW}month_weekday"] == "TU"
    # Sent back unchanged, it keeps the rule.
    assert_saved(curator_client.post(change_url(service), data))
    assert service.schedules.get().byday == "2TU,4TU"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        # Weekly + Tuesday + "4th" was saved silently as "Every Tuesday".
        (
            {"freq": "WEEKLY", "weekdays": ["TU"], "month_week": ["4"]},
            "month_week",
            "for monthly rules",
        ),
        ({"freq": "WEEKLY", "month_weekday": "TU"}, "month_weekday", "for monthly rules"),
        (
            {"freq": "MONTHLY", "weekdays": ["TU"], "month_week": ["4"], "month_weekday": "TU"},
            "weekdays",
            "for weekly rules",
        ),
        (
            {"freq": "MONTHLY", "weekdays": [], "month_week": ["4"], "month_weekday": ""},
            "month_weekday",
            "both the weeks and the day",
        ),
        (
            {"freq": "MONTHLY", "weekdays": [], "month_week": [], "month_weekday": "TU"},
            "month_week",
            "both the weeks and the day",
        ),
        (
            {
                "freq": "MONTHLY",
                "weekdays": [],
                "month_week": ["2"],
                "month_weekday": "TU",
                "bymonthday": "15",
            },
            "__all__",
            "not both",
        ),
        ({"freq": "WEEKLY", "byday": "4TU"}, "byday", "needs a monthly rule"),
        ({"freq": "MONTHLY", "weekdays": [], "byday": "TU"}, "byday", "which week"),
        ({"freq": "WEEKLY", "interval": "2"}, "dtstart", "needs the first date"),
    ],
)
def test_no_combination_is_saved_as_another_rule(curator_client, row, field, message):
    service, data = one_schedule_form(curator_client)

    response = post_row(curator_client, service, data, **row)

    assert response.status_code == 200, "saved as another rule"
    assert message in str(row_errors(response).get(field)), row_errors(response)
    schedule = service.schedules.get()
    assert (schedule.freq, schedule.byday, schedule.interval) == ("WEEKLY", "TU", 1)


def test_every_other_week_with_its_first_date_is_saved(curator_client):
    service, data = one_schedule_form(curator_client)

    response = post_row(curator_client, service, data, interval="2", dtstart="2026-12-01")

    assert_saved(response)
    schedule = service.schedules.get()
    assert (schedule.interval, schedule.dtstart) == (2, date(2026, 12, 1))


def test_the_schedule_page_refuses_every_other_week_without_a_first_date(curator_client):
    service = make_service(name="Tuesday Circle")
    response = curator_client.post(
        reverse("admin:resources_schedule_add"),
        {
            "service": service.pk,
            "freq": "WEEKLY",
            "interval": "2",
            "weekdays": ["TU"],
            "opens_at": "6:30 pm",
            "closes_at": "8 pm",
        },
    )

    assert response.status_code == 200
    assert "needs the first date" in str(response.context["adminform"].form.errors["dtstart"])
    assert not Schedule.objects.exists()


def test_rules_show_in_calendar_order(curator_client, client):
    service = make_service(name="Tuesday Circle")
    for byday, opens in [("-1FR", 19), ("4TU", 18), ("2TU", 19), ("2TU", 10)]:
        make_schedule(
            service=service,
            freq="MONTHLY",
            byday=byday,
            opens_at=time(opens),
            closes_at=time(opens + 1),
        )
    make_schedule(service=service, byday="SA", opens_at=time(9), closes_at=time(10))
    expected = [
        "Every Saturday, 9 a.m. to 10 a.m.",
        "The second Tuesday of every month, 10 a.m. to 11 a.m.",
        "The second Tuesday of every month, 7 p.m. to 8 p.m.",
        "The fourth Tuesday of every month, 6 p.m. to 7 p.m.",
        "The last Friday of every month, 7 p.m. to 8 p.m.",
    ]

    page = client.get(service.get_absolute_url()).text
    assert sorted(expected, key=page.index) == expected
    forms = curator_client.get(change_url(service)).context["inline_admin_formsets"]
    rows = next(inline.formset for inline in forms if inline.formset.prefix == "schedules")
    assert [form.instance.in_words for form in rows.forms] == expected


def test_the_schedules_list_shows_each_services_rules_in_calendar_order(curator_client):
    later = make_service(name="Willow Circle")
    first = make_service(name="Aspen Group")
    for service in [later, first]:
        for freq, byday, opens in [
            ("MONTHLY", "2TU", 19),
            ("WEEKLY", "SA", 9),
            ("WEEKLY", "MO", 9),
        ]:
            make_schedule(
                service=service, freq=freq, byday=byday, opens_at=time(opens), closes_at=time(10)
            )
    order = ["Every Monday", "Every Saturday", "The second Tuesday of every month"]
    schedules = reverse("admin:resources_schedule_changelist")

    rows = curator_client.get(schedules).context["cl"].result_list

    assert [(row.service.name, row.in_words.split(",")[0]) for row in rows] == [
        (name, words) for name in ["Aspen Group", "Willow Circle"] for words in order
    ]
    # A column the curator sorts by is theirs.
    by_service = curator_client.get(schedules, {"o": "-2"}).context["cl"].result_list
    assert by_service[0].service.name == "Willow Circle"

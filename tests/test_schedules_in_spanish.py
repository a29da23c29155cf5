"""Issue 17: schedules, meetings, dates, distances and language names read as natural Spanish on
Spanish pages — whole sentences, 24-hour times, lower-case day and month names mid-sentence —
while English says what it always said (tests/test_schedules_in_words.py,
tests/test_opening_hours.py).

These need the Spanish catalogue (locale/es/LC_MESSAGES/django.mo)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from resources import vocabulary
from resources.languages import by_name, language_name
from resources.models import Language, Schedule
from resources.public.chooser import languages_offered
from resources.schedules.opening import meeting_when, next_meetings, opening_status
from resources.templatetags.supportdir import distance
from tests.factories import make_language, make_schedule, make_service
from tests.fixtures_chicago import MONTHLY, local


@pytest.fixture(autouse=True)
def _in_spanish(settings):
    settings.TIME_ZONE = "America/Chicago"
    with translation.override("es"):
        yield


def words(**fields):
    return Schedule(**{"freq": "WEEKLY", "interval": 1, **fields}).in_words


# Rules in words: the shapes of tests/test_schedules_in_words.py


def test_weekday_office_hours():
    assert words(byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17)) == (
        "Lunes a viernes, de 9:00 a 17:00"
    )


def test_a_run_of_days_across_the_weekend():
    assert words(byday="SU,MO,TU,WE,TH", opens_at=time(18), closes_at=time(23)) == (
        "Domingo a jueves, de 18:00 a 23:00"
    )


def test_days_that_are_not_a_run_are_listed():
    assert words(byday="MO,WE,FR", opens_at=time(9), closes_at=time(12)) == (
        "Cada lunes, miércoles y viernes, de 9:00 a 12:00"
    )


def test_around_the_clock():
    assert words(byday="MO,TU,WE,TH,FR,SA,SU") == "Todos los días, las 24 horas"


def test_hours_past_midnight():
    assert words(byday="FR,SA", opens_at=time(18), closes_at=time(2)) == (
        "Cada viernes y sábado, de 18:00 a 2:00 del día siguiente"
    )


def test_a_weekly_meeting():
    assert words(byday="TH", opens_at=time(18), closes_at=time(19, 30)) == (
        "Cada jueves, de 18:00 a 19:30"
    )


def test_a_meeting_every_other_week():
    assert words(byday="WE", interval=2, opens_at=time(18), closes_at=time(19)) == (
        "Cada dos semanas, el miércoles, de 18:00 a 19:00"
    )


def test_a_meeting_every_third_week():
    assert words(byday="SA", interval=3, opens_at=time(10), closes_at=time(12)) == (
        "Cada 3 semanas, el sábado, de 10:00 a 12:00"
    )


@pytest.mark.parametrize(
    ("byday", "expected"),
    [
        ("2TU", "El segundo martes de cada mes, de 18:00 a 20:00"),
        ("-1TH", "El último jueves de cada mes, de 18:00 a 20:00"),
        ("1SA,3SA", "El primer y tercer sábado de cada mes, de 18:00 a 20:00"),
        (
            "2TU,4TU,-1FR",
            "El segundo y cuarto martes y último viernes de cada mes, de 18:00 a 20:00",
        ),
    ],
)
def test_monthly_meetings_on_the_nth_weekday(byday, expected):
    assert words(freq="MONTHLY", byday=byday, opens_at=time(18), closes_at=time(20)) == expected


def test_a_meeting_every_other_month():
    assert words(
        freq="MONTHLY", interval=2, byday="1MO", opens_at=time(18), closes_at=time(20)
    ) == ("El primer lunes de cada 2 meses, de 18:00 a 20:00")


def test_a_day_of_the_month():
    assert words(freq="MONTHLY", bymonthday="15", opens_at=time(18), closes_at=time(20)) == (
        "El día 15 de cada mes, de 18:00 a 20:00"
    )


def test_a_schedule_that_ends_says_until_when():
    assert words(byday="MO", opens_at=time(10), closes_at=time(11), until=date(2027, 3, 1)) == (
        "Cada lunes, de 10:00 a 11:00, hasta el 1 de marzo de 2027"
    )


def test_a_schedule_that_has_ended_says_when(db):
    schedule = Schedule(freq="WEEKLY", byday="MO", until=date(2026, 3, 1))

    assert schedule.in_words == (
        "Ya no está vigente (terminó el 1 de marzo de 2026): Cada lunes, las 24 horas"
    )


# Open now and the next opening: the shapes of tests/test_opening_hours.py


@pytest.fixture
def office_hours(db):
    return make_schedule(byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17))


def test_open_now_says_when_it_closes(office_hours):
    status = opening_status(office_hours.service, local(2026, 11, 25, 10, 0))

    assert status.text == "Abierto ahora · cierra a las 17:00"


def test_closing_at_one_oclock_agrees_with_la(db):
    schedule = make_schedule(byday="FR", opens_at=time(18), closes_at=time(1))

    status = opening_status(schedule.service, local(2026, 11, 27, 20, 0))

    assert status.text == "Abierto ahora · cierra a la 1:00"


def test_open_until_a_later_day_names_the_day(db):
    schedule = make_schedule(byday="MO,TU,WE,TH,FR")

    status = opening_status(schedule.service, local(2026, 11, 25, 10, 0))

    assert status.text == "Abierto ahora · cierra el sábado a las 0:00"


def test_closed_says_when_it_opens(office_hours):
    service = office_hours.service

    assert opening_status(service, local(2026, 11, 25, 7, 0)).text == "Abre hoy a las 9:00"
    assert opening_status(service, local(2026, 11, 29, 12, 0)).text == "Abre mañana a las 9:00"
    assert opening_status(service, local(2026, 11, 27, 18, 0)).text == "Abre el lunes a las 9:00"


def test_opening_more_than_a_week_ahead_gives_the_date(db):
    schedule = make_schedule(
        byday="MO", opens_at=time(9), closes_at=time(17), valid_from=date(2027, 1, 4)
    )

    status = opening_status(schedule.service, local(2026, 11, 25, 12))

    assert status.text == "Abre el lunes 4 de enero a las 9:00"


def test_open_all_day_tomorrow(db):
    schedule = make_schedule(byday="TH")

    assert opening_status(schedule.service, local(2026, 11, 25, 12)).text == "Abre mañana"


def test_around_the_clock_says_open_24_hours(db):
    schedule = make_schedule(byday="")

    status = opening_status(schedule.service, local(2026, 11, 25, 3, 0))

    assert status.text == "Abierto las 24 horas"


# Meetings


@pytest.fixture
def second_tuesdays(db):
    group = make_service(terms=[(vocabulary.RESOURCE, "support-group")])
    make_schedule(
        service=group, freq=MONTHLY, byday="2TU", opens_at=time(18), closes_at=time(20, 30)
    )
    return group


def test_a_support_group_says_when_it_meets_next(second_tuesdays):
    status = opening_status(second_tuesdays, local(2026, 11, 25, 12, 0))

    assert status.text == "Próxima reunión: martes 8 de diciembre, 18:00"


def test_a_support_group_meeting_now_says_until_when(second_tuesdays):
    status = opening_status(second_tuesdays, local(2026, 12, 8, 19, 45))

    assert status.text == "Reunión en curso · hasta las 20:30"


def test_the_list_of_next_meetings_starts_each_with_a_capital(second_tuesdays):
    meetings = next_meetings(second_tuesdays, local(2026, 11, 25, 12, 0), count=2)

    assert [meeting_when(meeting) for meeting in meetings] == [
        "Martes 8 de diciembre, 18:00",
        "Martes 12 de enero, 18:00",
    ]


# Other dates


def test_dates_on_the_service_page_read_as_spanish_dates():
    rendered = Template("{% load opening %}{{ day|long_date }}").render(
        Context({"day": date(2026, 3, 3)})
    )

    assert rendered == "3 de marzo de 2026"


def test_a_moment_is_dated_on_the_local_calendar():
    # 03:00 UTC on 4 March is still 3 March in Chicago.
    moment = datetime(2026, 3, 4, 3, 0, tzinfo=ZoneInfo("UTC"))

    rendered = Template("{% load opening %}{{ moment|long_date }}").render(
        Context({"moment": moment})
    )

    assert rendered == "3 de marzo de 2026"


# Distances: miles, as the US measures, with US Spanish's decimal point


def test_a_distance_in_miles(settings):
    settings.DISTANCE_UNIT = "mi"

    assert distance(3.8) == "a 2.3 millas"


def test_a_distance_in_kilometres(settings):
    settings.DISTANCE_UNIT = "km"

    assert distance(3.7) == "a 3.7 km"


# Language names


def test_language_names_are_spanish_and_lower_case():
    assert [language_name(code) for code in ["en", "es", "hmn", "ase", "yue", "cmn"]] == [
        "inglés",
        "español",
        "hmong",
        "lengua de señas americana",
        "cantonés",
        "chino mandarín",
    ]


def test_a_language_we_do_not_name_ourselves_is_still_in_spanish_and_lower_case():
    assert language_name("nl") == "neerlandés (holandés)"


@pytest.mark.django_db
def test_a_services_languages_are_in_spanish_alphabetical_order():
    service = make_service()
    for code in ["vi", "en", "ar", "es"]:
        make_language(service=service, code=code)

    names = [language.name for language in by_name(Language.objects.filter(service=service))]

    assert names == ["árabe", "español", "inglés", "vietnamita"]


@pytest.mark.django_db
def test_the_choosers_language_choices_are_capitalised_labels():
    service = make_service()
    for code in ["vi", "ar", "so"]:
        make_language(service=service, code=code)

    assert languages_offered() == [("ar", "Árabe"), ("so", "Somalí"), ("vi", "Vietnamita")]

import json
import re
from datetime import date, time, timedelta
from decimal import Decimal
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from resources import vocabulary
from resources.models import Location, Organization, Phone, Place, Schedule, Service
from resources.sample_data import loader
from resources.sample_data.loader import SampleDataError, load_sample_data
from tests.hsds_spec import assert_valid, require_spec_dir

# One worker runs the whole module, so that `sample_directory` is made once, not once a worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

# A Monday in winter, so every date the loader derives is the same on every run.
TODAY = date(2026, 1, 12)
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"


def shipped(path):
    return json.loads(path.read_text(encoding="utf-8"))


NATIONAL = shipped(loader.NATIONAL_FILE)
LOCAL = shipped(loader.SAMPLE_FILE)
SLUGS = shipped(loader.BEYOND_HSDS_FILE)["slugs"]
NATIONAL_SLUGS = {SLUGS[record["id"]] for record in NATIONAL}
LOCAL_SLUGS = {SLUGS[record["id"]] for record in LOCAL}
LOCAL_ORGANIZATIONS = {record["organization"]["id"] for record in LOCAL}
LOCATIONS = {
    link["location"]["id"]: link["location"]
    for record in LOCAL
    for link in record["service_at_locations"]
}
# Dane County, Wisconsin, with a little room around its borders.
DANE_COUNTY_LATITUDES = (Decimal("42.84"), Decimal("43.30"))
DANE_COUNTY_LONGITUDES = (Decimal("-89.84"), Decimal("-89.00"))


@pytest.fixture(scope="module")
def sample_directory(django_db_setup, django_db_blocker):
    """Load once for the module's read-only tests (a load validates ~330 records), inside a
    transaction rolled back at the end, so other modules still start from an empty database.
    Each test runs in a savepoint within it, so what a test changes is undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_sample_data(today=TODAY)
        transaction.set_rollback(True)


@pytest.fixture
def loaded(sample_directory, db):
    return sample_directory


def snapshot():
    """Every row's id and last-modified time, per table, for our app and the service terms."""

    def stamp(model):
        # The gazetteer (Place) is not HSDS data and keeps no modification time; history's
        # snapshot of a service's terms is written once and never changed.
        names = {field.name for field in model._meta.fields}
        return ["pk", *[name for name in ("modified", "latitude", "longitude") if name in names]]

    tables = {
        model.__name__: set(model.objects.values_list(*stamp(model)))
        for model in apps.get_app_config("resources").get_models()
    }
    tables["service terms"] = set(
        Service.terms.through.objects.values_list("service_id", "taxonomyterm_id")
    )
    return tables


def codes_of(taxonomy_name, services):
    return set(
        services.filter(terms__taxonomy__name=taxonomy_name).values_list("terms__code", flat=True)
    )


def all_codes(taxonomy_name):
    return {code for code, _name, _description in vocabulary.FACETS[taxonomy_name]["terms"]}


def sample_services():
    return Service.objects.filter(is_sample=True)


def test_loading_twice_leaves_every_row_count_id_and_timestamp_as_it_was(loaded):
    first = snapshot()

    load_sample_data(today=TODAY)
    assert snapshot() == first

    # Half a year later, in summer time: still nothing to change.
    load_sample_data(today=TODAY + timedelta(days=180))
    assert snapshot() == first
    assert len(first["Service"]) == len(NATIONAL) + len(LOCAL) == 50


def test_every_record_keeps_the_files_id_and_its_shipped_web_address_name(loaded):
    for record in [*NATIONAL, *LOCAL]:
        assert Service.objects.get(pk=record["id"]).slug == SLUGS[record["id"]]
        assert Organization.objects.filter(pk=record["organization"]["id"]).exists()
    for pk in LOCATIONS:
        assert Location.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("path", [loader.NATIONAL_FILE, loader.SAMPLE_FILE])
def test_the_shipped_files_are_valid_hsds_3_services(path):
    folder = require_spec_dir()
    for record in shipped(path):
        assert_valid(folder, "compiled/service.json", record)


@pytest.mark.parametrize("path", [loader.NATIONAL_FILE, loader.SAMPLE_FILE])
def test_the_shipped_files_are_pretty_printed_with_sorted_keys(path):
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_loading_twice_keeps_the_counts_of_every_model():
    load_sample_data(today=TODAY)
    counts = {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("resources").get_models()
    }

    load_sample_data(today=TODAY)

    assert {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("resources").get_models()
    } == counts
    records = [*NATIONAL, *LOCAL, *LOCATIONS.values()]
    organizations = {record["organization"]["id"] for record in [*NATIONAL, *LOCAL]}
    assert counts["Organization"] == len(organizations)
    assert counts["Service"] == len(NATIONAL) + len(LOCAL)
    assert counts["Location"] == len(LOCATIONS)
    assert counts["Phone"] == sum(len(record.get("phones", [])) for record in records)
    assert counts["Schedule"] == sum(len(record.get("schedules", [])) for record in records)


def ship(monkeypatch, tmp_path, records):
    """A release whose sample region holds `records`."""
    path = tmp_path / "dane-county.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    monkeypatch.setattr(loader, "SAMPLE_FILE", path)


def by_slug(slug):
    return next(record for record in LOCAL if SLUGS[record["id"]] == slug)


def test_a_rerun_brings_a_releases_corrections_to_what_only_the_sample_data_set(
    loaded, monkeypatch, tmp_path
):
    warmline = by_slug("lakeshore-warmline")
    corrected = {**warmline, "description": "Corrected in a new release."}
    ship(monkeypatch, tmp_path, [corrected if r is warmline else r for r in LOCAL])

    load_sample_data(today=TODAY)

    service = Service.objects.get(slug="lakeshore-warmline")
    assert service.description == "Corrected in a new release."
    assert list(service.phones.values_list("number", flat=True)) == ["608-555-0110"]
    assert service.schedules.count() == 1


def test_a_rerun_keeps_a_curators_verification(loaded, curator):
    Service.objects.filter(slug__in=["crisis-text-line", "lakeshore-warmline"]).mark_verified(
        curator, today=TODAY
    )

    load_sample_data(today=TODAY + timedelta(days=30))

    verified = Service.objects.filter(slug__in=["crisis-text-line", "lakeshore-warmline"])
    assert set(verified.values_list("assured_date", "assured_by")) == {(TODAY, curator.pk)}


def test_sample_entries_show_curators_recent_overdue_and_never_verified_entries(loaded):
    sample = sample_services()
    overdue = sample.verification_overdue(today=TODAY)

    assert sample.filter(assured_date__gte=TODAY - timedelta(days=30)).count() >= 5
    assert overdue.filter(assured_date__isnull=False).count() >= 2
    assert overdue.filter(assured_date__isnull=True).count() >= 2
    assert overdue.count() < sample.count() // 4


def test_the_national_crisis_lines_load_verified_and_the_others_wait_for_a_curator(loaded):
    lines = Service.objects.filter(slug__in=NATIONAL_SLUGS)
    crisis_lines = lines.with_terms_of(vocabulary.RESOURCE, ["hotline"])

    assert crisis_lines.count() == 6
    assert set(crisis_lines.values_list("assured_date", flat=True)) == {TODAY}
    assert set(lines.exclude(pk__in=crisis_lines).values_list("assured_date", flat=True)) == {None}


def test_the_load_is_all_or_nothing_and_says_what_is_wrong(monkeypatch, tmp_path):
    before = snapshot()
    renamed = {**LOCAL[0], "name": "Renamed by a load that fails later"}
    broken = {**LOCAL[-1], "name": ""}
    ship(monkeypatch, tmp_path, [renamed, *LOCAL[1:-1], broken])

    with pytest.raises(SampleDataError, match="name"):
        load_sample_data(today=TODAY)

    assert snapshot() == before
    assert not Service.objects.filter(name=renamed["name"]).exists()


def test_the_national_lines_are_published_and_not_sample_data(loaded):
    lines = Service.objects.filter(slug__in=NATIONAL_SLUGS).select_related("organization")

    assert lines.count() == 7
    for line in lines:
        assert line.status == Service.Status.PUBLISHED, line.slug
        assert line.is_sample is False, line.slug
        assert line.organization.is_sample is False, line.slug
        assert urlsplit(line.url).scheme == "https", line.slug
        assert list(line.service_areas.values_list("name", flat=True)) == ["United States"]
        assert codes_of(vocabulary.COST, Service.objects.filter(pk=line.pk)) == {"free"}
        assert "en" in line.languages.values_list("code", flat=True), line.slug
        assert line.phones.exists(), line.slug


def test_the_national_lines_are_crisis_lines_except_the_nami_warmline(loaded):
    kinds = {
        line.slug: codes_of(vocabulary.RESOURCE, Service.objects.filter(pk=line.pk))
        for line in Service.objects.filter(slug__in=NATIONAL_SLUGS)
    }

    assert kinds == {
        "988-suicide-and-crisis-lifeline": {"hotline"},
        "crisis-text-line": {"hotline"},
        "samhsa-national-helpline": {"hotline"},
        "nami-helpline": {"warmline"},
        "veterans-crisis-line": {"hotline"},
        "the-trevor-project": {"hotline"},
        "trans-lifeline": {"hotline", "peer-support"},
    }


@pytest.mark.parametrize(
    ("slug", "phones"),
    [
        (
            "988-suicide-and-crisis-lifeline",
            [("voice", "988"), ("sms", "988"), ("tty", "711")],
        ),
        ("crisis-text-line", [("sms", "741741")]),
        ("samhsa-national-helpline", [("voice", "1-800-662-4357"), ("tty", "1-800-487-4889")]),
        ("nami-helpline", [("voice", "1-800-950-6264"), ("sms", "62640")]),
        ("veterans-crisis-line", [("voice", "988"), ("sms", "838255")]),
        ("the-trevor-project", [("voice", "1-866-488-7386"), ("sms", "678-678")]),
        ("trans-lifeline", [("voice", "877-565-8860")]),
    ],
)
def test_each_national_line_has_its_public_numbers_in_order(loaded, slug, phones):
    service = Service.objects.get(slug=slug)

    assert list(service.phones.values_list("type", "number")) == phones


def test_the_phone_descriptions_tell_people_what_to_press_or_text(loaded):
    descriptions = {
        (phone.service.slug, phone.type): phone.description
        for phone in Phone.objects.filter(service__slug__in=NATIONAL_SLUGS).select_related(
            "service"
        )
    }

    assert descriptions["988-suicide-and-crisis-lifeline", "voice"] == (
        "Press 1 for veterans, 2 for Spanish"
    )
    assert descriptions["988-suicide-and-crisis-lifeline", "tty"] == (
        "Dial 711, then 988 (relay service)"
    )
    assert descriptions["veterans-crisis-line", "voice"] == "Dial 988, then press 1"
    assert descriptions["crisis-text-line", "sms"] == "Text HOME"
    assert descriptions["the-trevor-project", "sms"] == "Text START"
    assert descriptions["nami-helpline", "sms"] == 'Text "helpline"'


def test_spanish_is_offered_by_988_and_the_samhsa_helpline(loaded):
    spanish = set(
        Service.objects.filter(slug__in=NATIONAL_SLUGS, languages__code="es").values_list(
            "slug", flat=True
        )
    )

    assert spanish == {"988-suicide-and-crisis-lifeline", "samhsa-national-helpline"}


def test_the_around_the_clock_lines_are_open_every_day_without_times(loaded):
    around_the_clock = {
        "988-suicide-and-crisis-lifeline",
        "crisis-text-line",
        "samhsa-national-helpline",
        "veterans-crisis-line",
        "the-trevor-project",
    }
    for slug in around_the_clock:
        schedules = Schedule.objects.filter(service__slug=slug)
        assert list(schedules.values_list("freq", "byday", "opens_at", "closes_at")) == [
            ("WEEKLY", EVERY_DAY, None, None)
        ], slug
    assert not Schedule.objects.filter(service__slug="trans-lifeline").exists()


@pytest.mark.parametrize(
    ("time_zone", "opens_at", "closes_at", "zone_name"),
    [
        ("America/Chicago", time(9), time(21), "Central time"),
        ("America/New_York", time(10), time(22), None),
        ("America/Los_Angeles", time(7), time(19), "Pacific time"),
    ],
)
def test_the_nami_helpline_hours_are_converted_from_eastern_to_the_site_time_zone(
    settings, time_zone, opens_at, closes_at, zone_name
):
    settings.TIME_ZONE = time_zone

    load_sample_data(today=TODAY)

    schedule = Schedule.objects.get(service__slug="nami-helpline")
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == (
        "MO,TU,WE,TH,FR",
        opens_at,
        closes_at,
    )
    if zone_name:
        assert schedule.description == (
            f"10 a.m. to 10 p.m. Eastern time; shown here in {zone_name}"
        )
    else:
        assert schedule.description == "10 a.m. to 10 p.m. Eastern time"


def test_every_sample_service_is_marked_as_sample_with_its_organisation(loaded):
    sample = sample_services()

    assert set(sample.values_list("slug", flat=True)) == LOCAL_SLUGS
    assert not sample.filter(organization__is_sample=False).exists()
    assert not Service.objects.filter(is_sample=False).exclude(slug__in=NATIONAL_SLUGS).exists()


def test_sample_records_use_only_example_org_addresses(loaded):
    addresses = [
        *sample_services().values_list("url", "email"),
        *Organization.objects.filter(is_sample=True).values_list("website", "email"),
    ]
    location_urls = Location.objects.exclude(url="").values_list("url", flat=True)

    for url in [url for url, _email in addresses if url] + list(location_urls):
        assert urlsplit(url).scheme == "https", url
        assert urlsplit(url).hostname == "example.org", url
    for email in [email for _url, email in addresses if email]:
        assert email.endswith("@example.org"), email
    assert len(addresses) == len(LOCAL) + len(LOCAL_ORGANIZATIONS)


def test_sample_phone_numbers_are_all_in_the_fictional_555_range(loaded):
    numbers = Phone.objects.exclude(service__slug__in=NATIONAL_SLUGS).values_list(
        "number", flat=True
    )

    assert numbers
    for number in numbers:
        assert re.fullmatch(r"608-555-01\d\d", number), number


@pytest.mark.parametrize(
    "taxonomy_name",
    [
        vocabulary.SUPPORT,
        vocabulary.RESOURCE,
        vocabulary.AUDIENCE,
        vocabulary.DELIVERY,
        vocabulary.COST,
    ],
)
def test_published_sample_services_cover_every_term_of_the_facet(loaded, taxonomy_name):
    published = sample_services().published()

    assert codes_of(taxonomy_name, published) == all_codes(taxonomy_name)


def test_published_sample_services_cover_at_least_eleven_topics(loaded):
    topics = codes_of(vocabulary.TOPIC, sample_services().published())

    assert topics <= all_codes(vocabulary.TOPIC)
    assert len(topics) >= 11


def test_curators_find_a_draft_and_an_inactive_sample_service(loaded):
    unpublished = dict(
        sample_services().exclude(status=Service.Status.PUBLISHED).values_list("slug", "status")
    )

    assert unpublished == {
        "monona-art-and-wellbeing-group": Service.Status.DRAFT,
        "lakeshore-winter-walking-group": Service.Status.INACTIVE,
    }


def test_there_are_schedules_of_every_shape(loaded):
    schedules = Schedule.objects.filter(service__is_sample=True)
    weekly = schedules.filter(freq="WEEKLY")

    assert weekly.filter(byday="TU", opens_at=time(19), closes_at=time(20, 30)).exists()
    assert weekly.filter(byday=EVERY_DAY, opens_at=None, closes_at=None).exists()
    assert weekly.filter(byday=EVERY_DAY, opens_at=time(18), closes_at=time(2)).exists()
    every_other_week = weekly.filter(interval=2)
    assert every_other_week.count() == 2
    codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    for schedule in every_other_week:
        assert codes[schedule.dtstart.weekday()] == schedule.byday, schedule
    monthly = set(schedules.filter(freq="MONTHLY").values_list("byday", flat=True))
    assert {"2TU", "1SA", "-1FR"} <= monthly


def test_the_warmline_runs_past_midnight(loaded):
    schedule = Schedule.objects.get(service__slug="lakeshore-warmline")

    assert schedule.closes_at < schedule.opens_at
    assert schedule.in_words == "Every day, 6 p.m. to 2 a.m. the next day"


def test_sample_locations_lie_in_dane_county(loaded):
    with_coordinates = Location.objects.filter(latitude__isnull=False)

    assert with_coordinates.count() == sum("latitude" in record for record in LOCATIONS.values())
    for location in with_coordinates:
        assert DANE_COUNTY_LATITUDES[0] <= location.latitude <= DANE_COUNTY_LATITUDES[1]
        assert DANE_COUNTY_LONGITUDES[0] <= location.longitude <= DANE_COUNTY_LONGITUDES[1]
        assert location.location_type == Location.Type.PHYSICAL
        assert location.address_1 and location.city and location.postal_code, location
        assert location.transportation and location.accessibility, location


def test_online_only_sample_services_reach_dane_county_or_wisconsin(loaded):
    online_only = sample_services().exclude(
        service_at_locations__location__location_type="physical"
    )

    assert online_only.count() >= 5
    for service in online_only:
        areas = set(service.service_areas.values_list("name", flat=True))
        assert areas & {"Dane County", "Wisconsin"}, service.slug


def test_some_sample_services_are_offered_at_several_places(loaded):
    several = [
        service.slug for service in sample_services() if service.service_at_locations.count() > 1
    ]

    assert len(several) >= 2


def test_sample_services_for_young_people_say_up_to_what_age(loaded):
    for_young_people = sample_services().filter(
        terms__taxonomy__name=vocabulary.AUDIENCE, terms__code="young-people"
    )

    assert for_young_people.count() >= 3
    assert not for_young_people.filter(maximum_age__isnull=True).exists()


def test_sample_services_speak_more_than_english_and_spanish(loaded):
    codes = set(sample_services().values_list("languages__code", flat=True))

    assert {"en", "es", "zh", "ar", "so"} <= codes


def test_the_command_prints_a_summary():
    out = StringIO()

    call_command("load_sample_data", stdout=out)

    assert out.getvalue() == (
        f"Sample data: 7 national lines, {len(LOCAL)} local services in "
        "Dane County, Wisconsin.\n"
        f"Places of the sample region: {Place.objects.count()} in the gazetteer.\n"
    )
    assert Place.objects.filter(county="Dane County", region="WI").count() > 40
    assert Service.objects.filter(slug__in=NATIONAL_SLUGS).count() == 7
    assert sample_services().count() == len(LOCAL)


def test_the_command_fails_with_a_clear_message_on_bad_data(monkeypatch, tmp_path):
    ship(monkeypatch, tmp_path, [{**LOCAL[0], "name": ""}])

    with pytest.raises(CommandError, match=r"Sample data not loaded: .*name"):
        call_command("load_sample_data", stdout=StringIO())


def test_the_services_given_in_spanish_have_their_text_in_spanish(loaded):
    """Issue 17: the Spanish-language services and the national lines that answer in Spanish."""
    in_spanish = [
        record
        for record in [*NATIONAL, *LOCAL]
        if "es" in {language["code"] for language in record["languages"]}
    ]
    assert len(in_spanish) >= 10
    for record in in_spanish:
        service = Service.objects.select_related("organization").get(pk=record["id"])
        for field in ["description", "eligibility_description", "application_process"]:
            assert getattr(service, f"{field}_es"), (service.name, field)
        assert service.fees_description_es or not service.fees_description, service.name
        assert service.organization.description_es, service.organization.name
    lifeline = Service.objects.get(name="988 Suicide & Crisis Lifeline")
    assert lifeline.name_es == "988 Línea de Prevención del Suicidio y Crisis"
    assert "oprima el 2 para español" in lifeline.application_process_es
    # A Spanish name only where the organisation uses one; the others are shown as they are.
    assert set(Service.objects.exclude(name_es="").values_list("name", flat=True)) == {
        "988 Suicide & Crisis Lifeline",
        "SAMHSA National Helpline",
    }
    assert not Service.objects.filter(name="Trans Lifeline").exclude(description_es="").exists()

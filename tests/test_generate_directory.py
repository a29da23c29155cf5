from decimal import Decimal

import pytest
from django.core.management.base import CommandError
from django.db import connection

from resources.models import (
    Organization,
    Phone,
    Place,
    Schedule,
    Service,
)
from resources.sample_data.generator import generated
from tests.factories import make_organization, make_phone, make_service
from tests.helpers import command_output

pytestmark = pytest.mark.django_db

# Two towns: a city of three ZIP codes and a village of one.
PLACES = [
    ("53703", "Madison", "43.077", "-89.383"),
    ("53704", "Madison", "43.118", "-89.352"),
    ("53705", "Madison", "43.073", "-89.452"),
    ("53531", "Deerfield", "43.052", "-89.076"),
]


def add_places():
    for postcode, name, latitude, longitude in PLACES:
        Place.objects.create(
            country="US",
            postcode=postcode,
            name=name,
            region="WI",
            county="Dane County",
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
        )


def generate(services=60, seed=7, *more):
    return command_output(
        "generate_directory", "--services", str(services), "--seed", str(seed), *more
    )


def snapshot():
    return {
        "services": list(Service.objects.order_by("pk").values_list("pk", "name", "slug")),
        "organizations": list(Organization.objects.order_by("pk").values_list("pk", "name")),
        "schedules": list(
            Schedule.objects.order_by("pk").values_list("pk", "byday", "opens_at", "closes_at")
        ),
        "terms": sorted(Service.terms.through.objects.values_list("service_id", "taxonomyterm_id")),
    }


@pytest.fixture
def places(db):
    add_places()


def test_the_same_seed_gives_the_same_directory_and_another_seed_another(places):
    generate(seed=7)
    first = snapshot()
    generate(60, 7, "--replace")
    assert snapshot() == first
    generate(60, 8, "--replace")
    other = snapshot()
    assert Service.objects.count() == 60
    assert not {pk for pk, *_ in other["services"]} & {pk for pk, *_ in first["services"]}
    assert [name for _pk, name, _slug in other["services"]] != [
        name for _pk, name, _slug in first["services"]
    ]


def test_replacing_leaves_curators_records_alone(places):
    generate(seed=7)
    own = make_service(name="Curators' own group")
    own_phone = make_phone(service=own)
    generated_service = Service.objects.filter(generated()).first()
    make_phone(service=generated_service)
    generated_organization = Organization.objects.filter(generated()).first()
    kept_because_used = make_service(organization=generated_organization)
    other = make_organization(name="A curators' organisation")

    generate(30, 9, "--replace")

    assert Service.objects.filter(pk__in=[own.pk, kept_because_used.pk]).count() == 2
    assert Phone.objects.filter(pk=own_phone.pk).exists()
    assert Organization.objects.filter(pk__in=[other.pk, generated_organization.pk]).count() == 2
    assert not Service.objects.filter(pk=generated_service.pk).exists()
    assert not Phone.objects.filter(service_id=generated_service.pk).exists()
    assert Service.objects.filter(generated()).count() == 30


def test_a_second_run_without_replace_is_refused(places):
    generate(seed=7)
    with pytest.raises(CommandError, match="--replace"):
        generate(seed=7)
    assert Service.objects.count() == 60


def test_without_places_it_says_to_load_them(db):
    with pytest.raises(CommandError, match="load_places"):
        generate()
    assert not Service.objects.exists()


def test_no_service_is_put_at_an_armed_forces_post_office(db):
    Place.objects.create(
        country="US",
        postcode="09001",
        name="Apo",
        region="AE",
        latitude=Decimal("0"),
        longitude=Decimal("0"),
    )
    with pytest.raises(CommandError, match="load_places"):
        generate()


@pytest.mark.postgres
def test_postgresql_learns_the_generated_tables_at_once():
    add_places()
    generate()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", ["resources_service_terms"]
        )
        [(estimated_rows,)] = cursor.fetchall()

    # What the planner believes the table holds (-1: never analysed) is what was written.
    assert estimated_rows == Service.terms.through.objects.count()

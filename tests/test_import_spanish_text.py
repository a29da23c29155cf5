"""Issue 17: the importer reads our own `<field>_es` keys (the sample data's Spanish text) and
keeps the stored Spanish when a file has none, as HSDS files never do."""

import json

import pytest

from resources.hsds.importer import import_hsds
from resources.models import Organization, Schedule, Service
from tests import fixtures_hsds
from tests.fixtures_hsds import ORG_ID, SERVICE_ID

pytestmark = pytest.mark.django_db

SCHEDULE_ID = "2c9f3d5e-7f80-4b9c-8d1e-2f3a4b5c6d7e"


def a_service(**overrides):
    return (
        fixtures_hsds.a_service(
            schedules=[
                {
                    "id": SCHEDULE_ID,
                    "service_id": SERVICE_ID,
                    "freq": "WEEKLY",
                    "byday": "TU",
                    "opens_at": "18:00",
                    "closes_at": "19:30",
                    "description": "Not on public holidays",
                }
            ]
        )
        | overrides
    )


def _import(tmp_path, service):
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service]), encoding="utf-8")
    report = import_hsds(path)
    assert report.ok, report.errors
    return report


def test_a_file_with_spanish_keys_gives_the_spanish_text(tmp_path):
    service = a_service(
        description_es="Personas que perdieron a alguien se reúnen los martes.",
        fees_description_es="Gratis.",
    )
    service["organization"]["description_es"] = "Ayuda."
    service["schedules"][0]["description_es"] = "No se reúne en días festivos"
    _import(tmp_path, service)

    stored = Service.objects.get(pk=SERVICE_ID)
    assert stored.description_es == "Personas que perdieron a alguien se reúnen los martes."
    assert stored.fees_description_es == "Gratis."
    assert stored.name_es == ""
    assert Organization.objects.get(pk=ORG_ID).description_es == "Ayuda."
    assert Schedule.objects.get(pk=SCHEDULE_ID).description_es == "No se reúne en días festivos"


def test_a_file_without_spanish_keys_keeps_the_stored_spanish(tmp_path):
    _import(tmp_path, a_service(description_es="Se reúnen los martes."))
    _import(tmp_path, a_service(description="People who lost someone meet on Tuesdays."))

    stored = Service.objects.get(pk=SERVICE_ID)
    assert stored.description == "People who lost someone meet on Tuesdays."
    assert stored.description_es == "Se reúnen los martes."

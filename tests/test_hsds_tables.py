"""The HSDS tables the import reads and the export writes come from the specification's own
datapackage.json, vendored in resources/hsds/spec/ with its licence."""

import json

import pytest
from django.core.management import call_command

from resources.hsds.tables import LINKS_BEYOND_THE_SPEC, SPEC_PATH
from tests.api.conftest import make_rich_service
from tests.hsds_spec import require_spec_dir


def test_the_vendored_data_package_is_the_specifications_own_file():
    reference = require_spec_dir() / "datapackage.json"
    assert SPEC_PATH.read_bytes() == reference.read_bytes(), (
        f"{SPEC_PATH} differs from {reference}: copy the specification's file unchanged"
    )


def test_the_vendored_data_package_ships_with_its_licence():
    declared = json.loads(SPEC_PATH.read_text(encoding="utf-8"))["license"]
    licence = (SPEC_PATH.parent / "LICENSE").read_text(encoding="utf-8")
    assert declared["type"] == "CC-BY-SA-4.0"
    assert "Creative Commons Attribution-ShareAlike 4.0" in licence
    assert declared["url"] in licence


@pytest.mark.django_db
def test_the_export_declares_the_specifications_links_and_only_ours_beside_them(tmp_path):
    make_rich_service()
    call_command("export_hsds", str(tmp_path))
    ours = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))

    def links(package):
        return {
            (resource["name"], key["fields"]): key["reference"]["resource"]
            for resource in package["resources"]
            for key in resource["schema"].get("foreignKeys", [])
        }

    assert links(ours) == links(spec) | LINKS_BEYOND_THE_SPEC
    assert not set(LINKS_BEYOND_THE_SPEC) & set(links(spec)), "now in the spec: drop ours"

"""import_hsds: the specification's examples, re-imports, our facets, and bad files."""

import json
import shutil
import uuid
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from resources import vocabulary
from resources.hsds import importer, reading
from resources.hsds.importer import ImportRights, import_hsds
from resources.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tests.factories import make_organization, make_service
from tests.fixtures_hsds import ORG_ID, SERVICE_ID, a_service
from tests.hsds_spec import assert_valid, require_spec_dir

pytestmark = pytest.mark.django_db


@pytest.fixture
def hsds_spec():
    return require_spec_dir()


EXAMPLE_SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


def warnings_of(report):
    return {(problem.file, problem.field) for problem in report.warnings}


def write_json(tmp_path, data, name="services.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def nothing_written():
    return not Service.objects.exists() and not Organization.objects.exists()


def test_the_spec_service_example_imports_with_the_expected_warnings(hsds_spec, client):
    report = import_hsds(hsds_spec / "examples" / "service_full.json")
    assert report.ok, report.errors
    assert {(p.where, p.field) for p in report.warnings} == {
        ("$.service_at_locations[0].location", "latitude"),  # latitude 100
        ("$.attributes[0].taxonomy_term", "parent_id"),  # a dangling optional key
        ("$.phones[0]", "number"),  # the quoted phone number
        ("$.schedules[0]", "bymonthday"),  # days of the month in a weekly rule
        ("$.organization", "parent_organization_id"),  # a parent not in the file
        ("$.attributes[0]", "value"),  # an attribute's value, which we do not keep
    }
    service = Service.objects.get()
    assert service.is_published
    assert Phone.objects.get().number == "+44 1234 234567"
    assert Location.objects.get().latitude is None
    data = client.get(f"/api/services/{EXAMPLE_SERVICE_ID}").json()
    assert_valid(hsds_spec, "compiled/service.json", data)
    assert data["name"] == "Community Counselling"
    assert data["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"] == "name"


def test_the_spec_csv_example_imports_with_the_expected_warnings(hsds_spec, client):
    report = import_hsds(hsds_spec / "examples" / "csv")
    assert report.ok, report.errors
    assert warnings_of(report) == {
        ("locations.csv", "latitude"),
        ("phones.csv", "number"),
        ("schedules.csv", "bymonthday"),
        # The four dangling keys `frictionless validate` finds:
        ("locations.csv", "organization_id"),
        ("contacts.csv", "organization_id"),
        ("contacts.csv", "service_at_location_id"),
        ("taxonomy_terms.csv", "taxonomy_id"),
        # Not declared as foreign keys in HSDS's data package, but dangling too:
        ("taxonomy_terms.csv", "parent_id"),
        ("attributes.csv", "link_id"),
        ("organizations.csv", "parent_organization_id"),
    }
    response = client.get("/api/service_at_locations?full=true")
    assert response.json()["total_items"] == 1
    assert_valid(hsds_spec, "compiled/service_at_location.json", response.json()["contents"][0])


def test_importing_twice_changes_nothing(hsds_spec):
    path = hsds_spec / "examples" / "service_full.json"
    import_hsds(path)
    before = list(Service.objects.values_list("id", "slug", "modified"))
    phones = list(Phone.objects.values_list("id", "modified"))
    assert import_hsds(path).ok
    assert list(Service.objects.values_list("id", "slug", "modified")) == before
    assert list(Phone.objects.values_list("id", "modified")) == phones


def test_supportdir_taxonomies_map_to_our_facets_by_name_and_code(tmp_path, client):
    term = {
        "id": "0a6f4c1e-0000-4000-8000-000000000001",
        "code": "emotional",
        "name": "Emotional support",
        "description": "",
        "taxonomy_detail": {
            "id": "0a6f4c1e-0000-4000-8000-000000000002",
            "name": vocabulary.SUPPORT,
            "description": "",
        },
    }
    attribute = {"id": "0a6f4c1e-0000-4000-8000-000000000003", "taxonomy_term": term}
    report = import_hsds(write_json(tmp_path, a_service(attributes=[attribute])))
    assert report.ok, report.errors
    service = Service.objects.get()
    assert [t.code for t in service.kinds_of_support] == ["emotional"]
    assert TaxonomyTerm.objects.of(vocabulary.SUPPORT).count() == 7
    assert not Taxonomy.objects.filter(id=term["taxonomy_detail"]["id"]).exists()


def test_other_taxonomies_are_kept_as_they_came(tmp_path):
    term = {
        "id": "0a6f4c1e-0000-4000-8000-000000000011",
        "code": "BD-1800.2000",
        "name": "Food pantries",
        "description": "AIRS term.",
        "taxonomy_detail": {
            "id": "0a6f4c1e-0000-4000-8000-000000000012",
            "name": "AIRS",
            "description": "211 LA County taxonomy.",
        },
    }
    attribute = {"id": "0a6f4c1e-0000-4000-8000-000000000013", "taxonomy_term": term}
    assert import_hsds(write_json(tmp_path, a_service(attributes=[attribute]))).ok
    kept = TaxonomyTerm.objects.get(id=term["id"])
    assert (kept.code, kept.taxonomy.name) == ("BD-1800.2000", "AIRS")
    assert list(Service.objects.get().terms.all()) == [kept]


@pytest.mark.parametrize(
    ("status", "ours"),
    [
        ("active", "published"),
        ("inactive", "inactive"),
        ("temporarily closed", "temporarily_closed"),
        ("defunct", "defunct"),
    ],
)
def test_active_services_are_published_and_other_statuses_kept(tmp_path, status, ours):
    assert import_hsds(write_json(tmp_path, a_service(status=status))).ok
    assert Service.objects.get().status == ours


def test_a_list_and_a_page_of_services_import(tmp_path):
    other = a_service(id="1b8f2c4d-6e7f-4a8b-9c0d-000000000002", name="Walking group")
    assert import_hsds(write_json(tmp_path, [a_service(), other])).ok
    assert Service.objects.count() == 2
    page = {"total_items": 1, "contents": [a_service(name="Renamed")]}
    assert import_hsds(write_json(tmp_path, page, "page.json")).ok
    assert Service.objects.get(id=SERVICE_ID).name == "Renamed"


def test_a_service_brings_its_whole_self(tmp_path):
    phone = {"id": "1b8f2c4d-6e7f-4a8b-9c0d-00000000000a", "number": "608-555-0100"}
    assert import_hsds(write_json(tmp_path, a_service(phones=[phone]))).ok
    assert Phone.objects.count() == 1
    assert import_hsds(write_json(tmp_path, a_service(phones=[]))).ok
    assert Phone.objects.count() == 0


def test_a_dry_run_writes_nothing(tmp_path):
    report = import_hsds(write_json(tmp_path, a_service()), dry_run=True)
    assert report.ok
    assert not report.written
    assert nothing_written()


def write_csv(folder, services=5, phone_number=lambda n: f"608-555-010{n}"):
    """A folder of CSV tables: one organisation, `services` services with a phone each."""
    folder.mkdir(exist_ok=True)
    (folder / "organizations.csv").write_text(f"id,name,description\n{ORG_ID},Hope,Helps.\n")
    service_ids = [f"1b8f2c4d-6e7f-4a8b-9c0d-0000000001{n:02d}" for n in range(services)]
    (folder / "services.csv").write_text(
        "id,organization_id,name,status,description\n"
        + "".join(f"{sid},{ORG_ID},Group {n},active,Meets.\n" for n, sid in enumerate(service_ids))
    )
    (folder / "phones.csv").write_text(
        "id,service_id,number\n"
        + "".join(
            f"1b8f2c4d-6e7f-4a8b-9c0d-0000000002{n:02d},{sid},{phone_number(n)}\n"
            for n, sid in enumerate(service_ids)
        )
    )
    return folder


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two rows, so an import writes several before it meets a late error."""
    monkeypatch.setattr(importer, "CHUNK", 2)


def test_an_error_in_the_last_row_of_a_late_table_writes_nothing(tmp_path, small_batches):
    folder = write_csv(tmp_path / "csv", phone_number=lambda n: "" if n == 4 else "988")
    report = import_hsds(folder)
    assert [(p.file, p.where, p.field) for p in report.errors] == [
        ("phones.csv", "row 6", "number")
    ]
    assert not report.written
    assert nothing_written()
    assert not Phone.objects.exists()
    assert not Service.history.exists()


def test_a_dry_run_of_csv_tables_writes_nothing(tmp_path, small_batches):
    report = import_hsds(write_csv(tmp_path / "csv"), dry_run=True)
    assert report.ok
    assert report.counts["service"] == report.counts["phone"] == 5
    assert nothing_written()
    assert not Service.history.exists()


def test_csv_tables_import_in_batches(tmp_path, small_batches):
    assert import_hsds(write_csv(tmp_path / "csv")).ok
    assert Service.objects.count() == Phone.objects.count() == 5


def test_an_import_is_a_new_version_in_the_service_history(tmp_path):
    path = write_json(tmp_path, a_service())
    import_hsds(path)
    record = Service.history.get()
    assert (record.history_type, record.version) == ("+", 1)
    assert record.history_change_reason == "Imported from HSDS"
    assert record.history_user is None  # the command knows no curator
    import_hsds(path)
    assert Service.objects.get().version == 1
    assert Service.history.count() == 1  # nothing changed, nothing recorded
    import_hsds(write_json(tmp_path, a_service(name="Grief circle (Tuesdays)")))
    newest = Service.history.first()
    assert (newest.history_type, newest.version, newest.name) == (
        "~",
        2,
        "Grief circle (Tuesdays)",
    )
    assert Service.objects.get().version == 2


def test_a_change_of_phones_or_terms_alone_is_a_new_version(tmp_path):
    import_hsds(write_json(tmp_path, a_service()))
    phone = {"id": "1b8f2c4d-6e7f-4a8b-9c0d-00000000000a", "number": "608-555-0100"}
    import_hsds(write_json(tmp_path, a_service(phones=[phone])))
    assert Service.objects.get().version == 2
    assert Phone.history.get().history_change_reason == "Imported from HSDS"
    term = TaxonomyTerm.objects.of(vocabulary.SUPPORT).get(code="emotional")
    attribute = {"id": "0a6f4c1e-0000-4000-8000-000000000003", "taxonomy_term_id": str(term.id)}
    import_hsds(write_json(tmp_path, a_service(phones=[phone], attributes=[attribute])))
    service = Service.objects.get()
    assert service.version == 3
    newest = Service.history.first()
    assert [link.taxonomyterm.code for link in newest.terms.all()] == ["emotional"]


def test_references_may_point_into_the_directory(tmp_path):
    organization = make_organization()
    service = a_service(organization_id=str(organization.id))
    del service["organization"]
    assert import_hsds(write_json(tmp_path, service)).ok
    assert Service.objects.get().organization == organization


def test_the_command_reports_and_exits_non_zero_on_errors(tmp_path, capsys):
    path = write_json(tmp_path, a_service(name=""))
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_hsds", str(path))
    assert "services.json, $, name: This field is required." in capsys.readouterr().err
    assert nothing_written()


def test_the_command_imports(tmp_path, capsys):
    call_command("import_hsds", str(write_json(tmp_path, a_service())))
    assert "Imported" in capsys.readouterr().out
    assert Service.objects.get().slug == "grief-circle"


# -- What the importing curator may change (issue 10; the admin's side: curation/test_import_roles)

EDITOR_RIGHTS = ImportRights(publish=False, verify=False, taxonomies=False)


def a_stored_service(**fields):
    organization = make_organization(id=ORG_ID)
    return make_service(id=SERVICE_ID, name="Old name", organization=organization, **fields)


def test_the_command_imports_statuses_and_verification_dates(tmp_path):
    a_stored_service(status=Service.Status.DRAFT)
    call_command("import_hsds", str(write_json(tmp_path, a_service(assured_date="2025-07-01"))))
    service = Service.objects.get()
    assert (service.status, str(service.assured_date)) == ("published", "2025-07-01")


def test_without_the_right_to_publish_the_dates_still_import(tmp_path):
    a_stored_service(status=Service.Status.DRAFT)
    rights = ImportRights(publish=False, verify=True, taxonomies=True)
    path = write_json(tmp_path, a_service(assured_date="2025-07-01"))
    report = import_hsds(path, rights=rights)
    service = Service.objects.get()
    assert (service.status, str(service.assured_date)) == ("draft", "2025-07-01")
    assert [p.field for p in report.warnings] == ["status"]
    assert report.held_back == 1


def test_the_dry_run_and_the_import_report_the_same_held_back_changes(tmp_path):
    a_stored_service(status=Service.Status.PUBLISHED, assured_date=date(2025, 6, 1))
    new = a_service(id="1b8f2c4d-6e7f-4a8b-9c0d-000000000002", name="Walking group")
    path = write_json(tmp_path, [a_service(status="inactive"), new])
    checked = import_hsds(path, dry_run=True, rights=EDITOR_RIGHTS)
    imported = import_hsds(path, rights=EDITOR_RIGHTS)
    assert checked.problems == imported.problems
    assert checked.held_back == imported.held_back == 2
    assert [(p.where, p.field) for p in imported.warnings] == [
        ("$[0]", "status"),
        ("$[0]", "assured_date"),
        ("$[1]", "status"),
    ]


def test_a_file_differing_only_in_what_the_curator_may_not_change_changes_nothing(tmp_path):
    service = a_stored_service(status=Service.Status.DRAFT, assured_date=date(2025, 6, 1))
    import_hsds(write_json(tmp_path, a_service(name="Old name")), rights=EDITOR_RIGHTS)
    history = Service.history.count()
    path = write_json(tmp_path, a_service(name="Old name", assured_date="2025-07-01"))
    assert import_hsds(path, rights=EDITOR_RIGHTS).ok
    assert Service.objects.get().version == service.version + 1  # the first import's change
    assert Service.history.count() == history


def test_the_database_keeps_a_status_changed_after_the_import_read_it(tmp_path, monkeypatch):
    """What a curator may not change is left out of the upsert's update, not just checked."""
    a_stored_service(status=Service.Status.DRAFT)
    write = importer.Plan._write

    def publish_then_write(plan, model, records):
        if model is Service:
            Service.objects.filter(id=SERVICE_ID).update(status=Service.Status.PUBLISHED)
        return write(plan, model, records)

    monkeypatch.setattr(importer.Plan, "_write", publish_then_write)
    path = write_json(tmp_path, a_service(name="Renamed", status="inactive"))
    assert import_hsds(path, rights=EDITOR_RIGHTS).ok
    service = Service.objects.get()
    assert (service.name, service.status) == ("Renamed", "published")


# -- Taxonomies and terms, without the right to add or change them (no role has it) --

# Whoever may publish and verify but not add nor change taxonomies: a Publisher.
NO_TAXONOMY_RIGHTS = ImportRights(publish=True, verify=True, taxonomies=False)
AIRS = {
    "id": "0a6f4c1e-0000-4000-8000-000000000012",
    "name": "AIRS",
    "description": "211 LA County taxonomy.",
}
PANTRIES = {
    "id": "0a6f4c1e-0000-4000-8000-000000000011",
    "code": "BD-1800.2000",
    "name": "Food pantries",
    "description": "AIRS term.",
}
SECOND_ID = "1b8f2c4d-6e7f-4a8b-9c0d-000000000002"


def attributes(*terms):
    """A service's attributes naming `terms` (HSDS terms, or stored TaxonomyTerms by id)."""
    return [
        {"id": str(uuid.uuid4()), "taxonomy_term_id": str(term.id)}
        if isinstance(term, TaxonomyTerm)
        else {"id": str(uuid.uuid4()), "taxonomy_term": {**term, "taxonomy_detail": AIRS}}
        for term in terms
    ]


def stored_pantries(**fields):
    taxonomy = Taxonomy.objects.create(**{**AIRS, "id": uuid.UUID(AIRS["id"])})
    return TaxonomyTerm.objects.create(
        taxonomy=taxonomy, **{**PANTRIES, "id": uuid.UUID(PANTRIES["id"]), **fields}
    )


def messages_of(report):
    return [problem.message for problem in report.warnings]


def test_without_the_right_a_new_term_is_neither_added_nor_linked_and_reported_once(tmp_path):
    emotional = vocabulary_term("emotional")
    path = write_json(
        tmp_path,
        [
            a_service(attributes=attributes(emotional, PANTRIES)),
            a_service(id=SECOND_ID, name="Walking group", attributes=attributes(PANTRIES)),
        ],
    )

    checked = import_hsds(path, dry_run=True, rights=NO_TAXONOMY_RIGHTS)
    imported = import_hsds(path, rights=NO_TAXONOMY_RIGHTS)

    assert not Taxonomy.objects.filter(name="AIRS").exists()
    assert not TaxonomyTerm.objects.filter(code=PANTRIES["code"]).exists()
    assert [list(service.terms.all()) for service in Service.objects.order_by("name")] == [
        [emotional],
        [],
    ]
    assert checked.problems == imported.problems
    assert [m for m in messages_of(imported) if "AIRS" in m] == [
        "Taxonomy “AIRS”: not added: adding taxonomies is left to superusers.",
        "Term “Food pantries” of “AIRS”: not added, so 2 services are not linked to it: adding "
        "taxonomy terms is left to superusers.",
    ]
    assert checked.taxonomy_held_back == imported.taxonomy_held_back == 2
    assert (imported.counts["taxonomy"], imported.counts["taxonomy_term"]) == (0, 0)


def test_without_the_right_a_stored_term_keeps_its_name_and_its_links(tmp_path):
    term = stored_pantries(name="Food banks")
    a_stored_service(terms=[term])
    renamed = {**PANTRIES, "name": "Food pantries"}

    report = import_hsds(
        write_json(tmp_path, a_service(attributes=attributes(renamed))), rights=NO_TAXONOMY_RIGHTS
    )

    assert TaxonomyTerm.objects.get(pk=term.pk).name == "Food banks"
    assert list(Service.objects.get().terms.all()) == [term]
    assert [(p.field, p.message) for p in report.warnings] == [
        (
            "name",
            "Term “Food banks” of “AIRS”: not renamed to “Food pantries”; services are linked to "
            "it as it is: changing taxonomy terms is left to superusers.",
        )
    ]
    assert report.taxonomy_held_back == 1


def test_without_the_right_a_taxonomy_keeps_its_description(tmp_path):
    term = stored_pantries()
    changed = {**AIRS, "description": "Another description."}
    service = a_service(
        attributes=[
            {"id": str(uuid.uuid4()), "taxonomy_term": {**PANTRIES, "taxonomy_detail": changed}}
        ]
    )

    report = import_hsds(write_json(tmp_path, service), rights=NO_TAXONOMY_RIGHTS)

    assert Taxonomy.objects.get(name="AIRS").description == AIRS["description"]
    assert list(Service.objects.get().terms.all()) == [term]
    assert [(p.field, p.message) for p in report.warnings] == [
        (
            "description",
            "Taxonomy “AIRS”: kept as the directory has it, not as the file describes it: "
            "changing taxonomies is left to superusers.",
        )
    ]


def test_without_the_right_a_term_of_the_same_id_but_another_code_is_not_linked(tmp_path):
    term = stored_pantries()
    other = {**PANTRIES, "code": "BD-1800.1900", "name": "Food banks"}

    report = import_hsds(
        write_json(tmp_path, a_service(attributes=attributes(other))), rights=NO_TAXONOMY_RIGHTS
    )

    assert TaxonomyTerm.objects.get(pk=term.pk).code == PANTRIES["code"]
    assert not Service.objects.get().terms.exists()
    assert messages_of(report) == [
        "Term “Food banks” of “AIRS”: not added, so 1 service is not linked to it: adding "
        "taxonomy terms is left to superusers."
    ]


def test_without_the_right_no_term_is_added_to_our_facets(tmp_path):
    pastoral = {
        "id": "0a6f4c1e-0000-4000-8000-000000000021",
        "code": "pastoral",
        "name": "Pastoral care",
        "taxonomy_detail": {"id": str(uuid.uuid4()), "name": vocabulary.SUPPORT},
    }
    service = a_service(attributes=[{"id": str(uuid.uuid4()), "taxonomy_term": pastoral}])

    report = import_hsds(write_json(tmp_path, service), rights=NO_TAXONOMY_RIGHTS)

    assert TaxonomyTerm.objects.of(vocabulary.SUPPORT).count() == 7
    assert not Service.objects.get().terms.exists()
    assert messages_of(report) == [
        f"Term “Pastoral care” of “{vocabulary.SUPPORT}”: not added, so 1 service is not "
        "linked to it: adding taxonomy terms is left to superusers."
    ]


def test_without_the_right_csv_terms_are_counted_once_per_service_across_batches(
    tmp_path, one_row_batches
):
    emotional = str(vocabulary_term("emotional").id)
    new_term, unused = uid(11, 0), uid(11, 1)
    tables = {
        "organizations.csv": [("id", "name", "description"), (ORG_ID, "Hope", "Helps.")],
        "services.csv": [("id", "organization_id", "name", "status")]
        + [(uid(1, n), ORG_ID, f"Group {n}", "active") for n in range(3)],
        "taxonomy_terms.csv": [
            ("id", "code", "name", "taxonomy"),
            (new_term, "peer", "Peer led", "Local"),
            (unused, "walks", "Walks", "Local"),
        ],
        "attributes.csv": [("id", "link_id", "link_entity", "taxonomy_term_id")]
        + [
            (uid(10, n), uid(1, s), "service", term)
            for n, (s, term) in enumerate(
                [(0, new_term), (0, new_term), (1, new_term), (1, emotional), (2, emotional)]
            )
        ],
    }

    report = import_hsds(write_tables(tmp_path / "csv", tables), rights=NO_TAXONOMY_RIGHTS)

    assert report.ok, report.errors
    assert [(p.file, p.where, p.message) for p in report.warnings] == [
        (
            "taxonomy_terms.csv",
            "row 2",
            "Term “Peer led” of “Local”: not added, so 2 services are not linked to it: "
            "adding taxonomy terms is left to superusers.",
        ),
        (
            "taxonomy_terms.csv",
            "row 3",
            "Term “Walks” of “Local”: not added: adding taxonomy terms is left to superusers.",
        ),
    ]
    assert not Taxonomy.objects.filter(name="Local").exists()
    assert [service.terms.count() for service in Service.objects.order_by("name")] == [0, 1, 1]


def test_an_export_imported_without_the_right_changes_and_reports_nothing(tmp_path):
    term = stored_pantries()
    TaxonomyTerm.objects.create(
        taxonomy=term.taxonomy, code="BD-1800.2000-100", name="Pantry days", parent=term
    )
    a_stored_service(terms=[term, vocabulary_term("emotional")])
    call_command("export_hsds", str(tmp_path / "export"))

    report = import_hsds(tmp_path / "export", rights=NO_TAXONOMY_RIGHTS)

    assert report.ok, report.errors
    assert messages_of(report) == []
    assert Service.objects.get().terms.count() == 2


def test_with_the_right_a_stored_term_is_renamed(tmp_path):
    term = stored_pantries(name="Food banks")
    renamed = {**PANTRIES, "name": "Food pantries"}

    report = import_hsds(write_json(tmp_path, a_service(attributes=attributes(renamed))))

    assert report.warnings == []
    assert TaxonomyTerm.objects.get(pk=term.pk).name == "Food pantries"
    assert list(Service.objects.get().terms.all()) == [term]


def vocabulary_term(code):
    return TaxonomyTerm.objects.of(vocabulary.SUPPORT).get(code=code)


# -- Who verified a service: whoever set the date the import changes --

JUNE_1, JULY_1 = date(2025, 6, 1), date(2025, 7, 1)


@pytest.fixture
def someone(django_user_model):
    return django_user_model.objects.create_user("someone")


@pytest.fixture
def confirming_curator(django_user_model):
    return django_user_model.objects.create_user("confirming")


def test_the_command_leaves_nobody_as_who_verified_a_date_it_changes(tmp_path, someone):
    a_stored_service(assured_date=JUNE_1, assured_by=someone)
    call_command("import_hsds", str(write_json(tmp_path, a_service(assured_date="2025-07-01"))))
    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (JULY_1, None)


@pytest.mark.parametrize("user", [None, "confirming_curator"])
def test_a_date_the_import_leaves_as_it_is_keeps_who_verified_it(request, tmp_path, someone, user):
    a_stored_service(assured_date=JUNE_1, assured_by=someone)
    user = user and request.getfixturevalue(user)
    import_hsds(write_json(tmp_path, a_service(assured_date="2025-06-01")), user=user)
    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (JUNE_1, someone)


@pytest.mark.parametrize("stored", [None, JUNE_1, "new"])
def test_the_confirming_curator_verified_a_date_the_import_changes(
    tmp_path, someone, confirming_curator, stored
):
    if stored != "new":
        a_stored_service(assured_date=stored, assured_by=stored and someone)
    path = write_json(tmp_path, a_service(assured_date="2025-07-01"))
    import_hsds(path, user=confirming_curator)
    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (JULY_1, confirming_curator)


def test_a_date_the_import_removes_leaves_nobody_as_who_verified(
    tmp_path, someone, confirming_curator
):
    a_stored_service(assured_date=JUNE_1, assured_by=someone)
    import_hsds(write_json(tmp_path, a_service()), user=confirming_curator)
    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (None, None)


def test_without_the_right_to_verify_who_verified_is_kept(tmp_path, someone, confirming_curator):
    a_stored_service(assured_date=JUNE_1, assured_by=someone)
    path = write_json(tmp_path, a_service(assured_date="2025-07-01"))
    import_hsds(path, user=confirming_curator, rights=EDITOR_RIGHTS)
    service = Service.objects.get()
    assert (service.assured_date, service.assured_by) == (JUNE_1, someone)


# -- Bad files: each gives a clear report and writes nothing --


def assert_refused(report, *expected):
    """`expected`: (file, where, field) triples, where None matches anything."""
    assert not report.ok
    assert nothing_written()
    for file, where, field in expected:
        assert any(
            (file is None or p.file == file)
            and (where is None or p.where == where)
            and (field is None or p.field == field)
            for p in report.errors
        ), [str(p) for p in report.errors]
    for problem in report.errors:
        assert problem.message


def test_truncated_json_is_refused(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text(json.dumps([a_service()])[:120])
    report = import_hsds(path)
    assert_refused(report, ("cut.json", None, ""))
    assert "not valid JSON" in report.errors[0].message
    assert report.errors[0].where.startswith("line 1, column")


def test_wrong_types_are_refused(tmp_path):
    report = import_hsds(write_json(tmp_path, a_service(name=42.5, phones="608-555-0100")))
    assert_refused(report, ("services.json", "$", "name"), ("services.json", "$.phones", "phones"))


def test_a_service_that_is_not_an_object_is_refused(tmp_path):
    assert_refused(import_hsds(write_json(tmp_path, [a_service(), "x"])), (None, "$[1]", ""))


def test_unknown_columns_are_refused(tmp_path, hsds_spec):
    folder = tmp_path / "csv"
    shutil.copytree(hsds_spec / "examples" / "csv", folder)
    services = folder / "services.csv"
    lines = services.read_text().splitlines()
    lines[0] += ",favourite_colour"
    lines[1] += ",blue"
    services.write_text("\n".join(lines) + "\n")
    assert_refused(import_hsds(folder), ("services.csv", "header", "favourite_colour"))


def test_a_broken_csv_quote_is_refused(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        f'id,name,description\n{ORG_ID},"Hope Centre,Helps.\n'
    )
    report = import_hsds(folder)
    assert_refused(report, ("organizations.csv", None, ""))
    assert "quotes" in report.errors[0].message


def test_a_50_mb_file_is_refused(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("w") as out:
        out.write("[")
        filler = json.dumps(a_service(description="x" * 10_000))
        for _ in range(5_200):
            out.write(filler + ",")
        out.write(json.dumps(a_service()) + "]")
    assert path.stat().st_size > 50 * 1024 * 1024
    report = import_hsds(path)
    assert_refused(report, ("huge.json", "", ""))
    assert "larger than 20 MB" in report.errors[0].message


def test_duplicate_ids_are_refused(tmp_path):
    report = import_hsds(write_json(tmp_path, [a_service(), a_service(name="Again")]))
    assert_refused(report, ("services.json", "$[1]", "id"))
    assert "used twice" in report.errors[0].message


def test_duplicate_ids_in_a_csv_table_are_refused(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        f"id,name,description\n{ORG_ID},Hope,Helps.\n{ORG_ID},Hope again,Helps.\n"
    )
    assert_refused(import_hsds(folder), ("organizations.csv", "row 3", "id"))


def test_a_service_pointing_at_a_missing_organisation_is_refused(tmp_path):
    service = a_service(organization_id="00000000-0000-4000-8000-00000000dead")
    del service["organization"]
    report = import_hsds(write_json(tmp_path, service))
    assert_refused(report, ("services.json", "$", "organization_id"))


def test_a_service_at_a_missing_location_is_refused(tmp_path):
    link = {"id": "1b8f2c4d-6e7f-4a8b-9c0d-0000000000bb", "location_id": ORG_ID}
    report = import_hsds(write_json(tmp_path, a_service(service_at_locations=[link])))
    assert_refused(report, (None, "$.service_at_locations[0]", "location_id"))


def test_a_bad_id_is_refused(tmp_path):
    assert_refused(import_hsds(write_json(tmp_path, a_service(id="seven"))), (None, "$", "id"))


def test_an_invalid_optional_value_is_a_warning(tmp_path):
    report = import_hsds(write_json(tmp_path, a_service(url="not a url", minimum_age="twelve")))
    assert report.ok
    assert {p.field for p in report.warnings} == {"url", "minimum_age"}
    service = Service.objects.get()
    assert (service.url, service.minimum_age) == ("", None)


def test_the_command_takes_a_larger_limit_when_asked(tmp_path, capsys):
    path = write_json(tmp_path, [a_service(description="x" * 1_100_000)])
    with pytest.raises(CommandError):
        call_command("import_hsds", str(path), max_mb=1)
    assert "larger than 1 MB" in capsys.readouterr().err
    call_command("import_hsds", str(path), max_mb=2)
    assert Service.objects.count() == 1


def test_imported_services_are_found_by_search(tmp_path, client):
    assert import_hsds(write_json(tmp_path, a_service())).ok
    data = client.get("/api/services?search=grief").json()
    assert [item["id"] for item in data["contents"]] == [SERVICE_ID]


def test_only_changed_services_are_reindexed(tmp_path, monkeypatch):
    refreshed = []
    monkeypatch.setattr(
        "resources.hsds.importer._refresh_search", lambda ids: refreshed.append(set(ids))
    )
    path = write_json(tmp_path, a_service())
    import_hsds(path)
    import_hsds(path)
    import_hsds(write_json(tmp_path, a_service(phones=[{"id": ORG_ID, "number": "988"}])))
    assert [{str(pk) for pk in ids} for ids in refreshed] == [{SERVICE_ID}, set(), {SERVICE_ID}]


@pytest.fixture
def one_row_batches(monkeypatch):
    """Batches of one row, so that what an import remembers crosses batches every time."""
    monkeypatch.setattr(importer, "CHUNK", 1)
    monkeypatch.setattr(reading, "CHUNK", 1)


def uid(kind, number):
    return f"{kind:04d}{number:04d}-6e7f-4a8b-9c0d-1e2f3a4b5c6d"


def write_tables(folder, tables):
    folder.mkdir(exist_ok=True)
    for name, rows in tables.items():
        (folder / name).write_text("\n".join(",".join(row) for row in rows) + "\n")
    return folder


def linked_tables(phones=((1, 0), (2, 0), (3, 1), (4, 0)), attributes=((0, 0), (0, 1), (1, 0))):
    """Three services of one name; phones, places, languages and terms met across batches."""
    location = uid(5, 0)
    support = [str(term.id) for term in TaxonomyTerm.objects.of(vocabulary.SUPPORT)[:2]]
    return {
        "organizations.csv": [("id", "name", "description"), (ORG_ID, "Hope", "Helps.")],
        "services.csv": [("id", "organization_id", "name", "status")]
        + [(uid(1, n), ORG_ID, "Group", "active") for n in range(3)],
        "phones.csv": [("id", "service_id", "number")]
        + [(uid(2, n), uid(1, s), f"608-555-010{n}") for n, s in phones],
        "locations.csv": [("id", "name"), (location, "Hall")],
        "addresses.csv": [("id", "location_id", "address_1", "city")]
        + [(uid(6, n), location, f"{n} Main St", "Madison") for n in range(2)],
        "accessibility.csv": [("id", "location_id", "description")]
        + [(uid(7, n), location, text) for n, text in enumerate(["Ramp", "Lift"])],
        "service_at_location.csv": [("id", "service_id", "location_id")]
        + [(uid(8, n), uid(1, 0), location) for n in range(2)],
        "languages.csv": [("id", "service_id", "code")]
        + [(uid(9, n), uid(1, 0), code) for n, code in enumerate(["en", "EN"])],
        "attributes.csv": [("id", "link_id", "link_entity", "taxonomy_term_id")]
        + [(uid(10, n), uid(1, s), "service", support[t]) for n, (s, t) in enumerate(attributes)],
    }


def test_what_an_import_remembers_crosses_batches(tmp_path, one_row_batches):
    report = import_hsds(write_tables(tmp_path / "csv", linked_tables()))
    assert report.ok, report.errors
    assert [(p.file, p.where, p.field) for p in report.warnings] == [
        ("accessibility.csv", "row 3", "id"),  # one accessibility record per location
        ("service_at_location.csv", "row 3", "location_id"),  # already linked
    ]
    first, second, third = (Service.objects.get(pk=uid(1, n)) for n in range(3))
    assert first.slug == "group"
    assert second.slug == f"group-{second.pk.hex[:8]}" and third.slug != second.slug
    assert list(first.phones.order_by("position").values_list("number", "position")) == [
        ("608-555-0101", 0),
        ("608-555-0102", 1),
        ("608-555-0104", 2),
    ]
    assert list(second.phones.values_list("position", flat=True)) == [0]
    location = Location.objects.get()
    assert (location.address_1, location.accessibility) == ("0 Main St", "Ramp\n\nLift")
    assert [address.address_1 for address in location.addresses.all()] == ["1 Main St"]
    assert first.service_at_locations.count() == 1
    assert list(first.languages.values_list("code", flat=True)) == ["en"]
    assert first.terms.count() == 2 and second.terms.count() == 1


def test_a_re_import_in_batches_drops_what_the_file_leaves_out(tmp_path, one_row_batches):
    assert import_hsds(write_tables(tmp_path / "csv", linked_tables())).ok
    tables = linked_tables(phones=((1, 0), (3, 1)), attributes=((0, 0), (1, 0)))
    report = import_hsds(write_tables(tmp_path / "again", tables))
    assert report.ok, report.errors
    first, second, third = (Service.objects.get(pk=uid(1, n)) for n in range(3))
    assert list(first.phones.values_list("number", flat=True)) == ["608-555-0101"]
    assert first.terms.count() == 1
    assert (first.version, second.version, third.version) == (2, 1, 1)
    assert first.history.first().history_change_reason == "Imported from HSDS"
    deleted = Phone.history.filter(history_type="-")
    assert {record.history_change_reason for record in deleted} == {"Imported from HSDS"}
    assert set(deleted.values_list("id", flat=True)) == set(
        Phone.history.values_list("id", flat=True)
    ) - set(Phone.objects.values_list("id", flat=True))


def places_and_contacts_tables(phones, schedules):
    """A service at a location, with a contact; `phones` are (place or contact, number) pairs and
    `schedules` (place, days) pairs, linked to nothing else."""
    owners = {"place": uid(8, 0), "contact": uid(11, 0)}
    return {
        "organizations.csv": [("id", "name", "description"), (ORG_ID, "Hope", "Helps.")],
        "services.csv": [
            ("id", "organization_id", "name", "status"),
            (uid(1, 0), ORG_ID, "G", "active"),
        ],
        "locations.csv": [("id", "name"), (uid(5, 0), "Hall")],
        "service_at_location.csv": [
            ("id", "service_id", "location_id"),
            (owners["place"], uid(1, 0), uid(5, 0)),
        ],
        "contacts.csv": [("id", "service_id", "name"), (owners["contact"], uid(1, 0), "Ana")],
        "phones.csv": [("id", "service_at_location_id", "contact_id", "number")]
        + [
            (uid(2, n), *(owners[owner] if owner == link else "" for link in owners), number)
            for n, (owner, number) in enumerate(phones)
        ],
        "schedules.csv": [("id", "service_at_location_id", "byday", "opens_at", "closes_at")]
        + [
            (uid(3, n), owners[owner], days, "10:00", "12:00")
            for n, (owner, days) in enumerate(schedules)
        ],
    }


def test_a_re_import_drops_the_phones_and_hours_a_place_or_a_contact_no_longer_has(tmp_path):
    first = places_and_contacts_tables(
        phones=[
            ("place", "608-555-0101"),
            ("contact", "608-555-0102"),
            ("contact", "608-555-0103"),
        ],
        schedules=[("place", "MO"), ("place", "TH")],
    )
    assert import_hsds(write_tables(tmp_path / "csv", first)).ok
    again = places_and_contacts_tables(
        phones=[("contact", "608-555-0102")], schedules=[("place", "MO")]
    )
    report = import_hsds(write_tables(tmp_path / "again", again))
    assert report.ok, report.errors
    assert list(Phone.objects.values_list("number", flat=True)) == ["608-555-0102"]
    assert list(Schedule.objects.values_list("byday", flat=True)) == ["MO"]
    assert Phone.history.filter(history_type="-").count() == 2


def test_each_record_written_has_a_history_row_holding_it_as_stored(tmp_path):
    assert import_hsds(write_tables(tmp_path / "csv", linked_tables())).ok
    for model in (Organization, Location, Phone, Schedule, Service):
        fields = [field.attname for field in model.history.model.tracked_fields]
        for record in model.objects.all():
            row = model.history.get(id=record.pk)
            assert (row.history_type, row.history_change_reason) == ("+", "Imported from HSDS")
            assert [getattr(row, name) for name in fields] == [
                getattr(record, name) for name in fields
            ]
    for service in Service.objects.all():
        row = service.history.get()
        assert set(row.terms.values_list("taxonomyterm", flat=True)) == set(
            service.terms.values_list("pk", flat=True)
        )


def test_a_language_and_a_place_brought_again_under_new_ids_replace_the_old_ones(tmp_path):
    def service(language_id, place_id):
        location = {"id": "1b8f2c4d-6e7f-4a8b-9c0d-0000000000c1", "name": "Library"}
        return a_service(
            languages=[{"id": language_id, "code": "es"}],
            service_at_locations=[{"id": place_id, "location": location}],
        )

    first = ("1b8f2c4d-6e7f-4a8b-9c0d-0000000000a1", "1b8f2c4d-6e7f-4a8b-9c0d-0000000000b1")
    assert import_hsds(write_json(tmp_path, service(*first))).ok
    again = ("1b8f2c4d-6e7f-4a8b-9c0d-0000000000a2", "1b8f2c4d-6e7f-4a8b-9c0d-0000000000b2")
    report = import_hsds(write_json(tmp_path, service(*again)))
    assert report.ok, report.errors
    stored = Service.objects.get()
    assert [(str(language.pk), language.code) for language in stored.languages.all()] == [
        (again[0], "es")
    ]
    assert [str(place.pk) for place in stored.service_at_locations.all()] == [again[1]]
    assert stored.version == 2


def test_duplicate_ids_in_different_batches_are_refused(tmp_path, one_row_batches):
    folder = write_csv(tmp_path / "csv", services=3)
    phones = (folder / "phones.csv").read_text().splitlines()
    (folder / "phones.csv").write_text("\n".join([*phones, phones[1]]) + "\n")
    assert_refused(import_hsds(folder), ("phones.csv", "row 5", "id"))


@pytest.mark.parametrize("batch", [1, 1000])
def test_services_of_one_name_whose_ids_start_alike_get_web_address_names_of_their_own(
    tmp_path, monkeypatch, batch
):
    monkeypatch.setattr(importer, "CHUNK", batch)
    make_service(name="Group 0", slug="group-0")
    first = a_service(id="1b8f2c4d-6e7f-4a8b-9c0d-000000000101", name="Group 0")
    second = a_service(id="1b8f2c4d-6e7f-4a8b-9c0d-000000000102", name="Group 0")

    report = import_hsds(write_json(tmp_path, [first, second]))

    assert report.ok, [str(problem) for problem in report.errors]
    slugs = list(Service.objects.filter(name="Group 0").values_list("slug", flat=True))
    assert len(set(slugs)) == 3

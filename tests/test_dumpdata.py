"""`dumpdata` and `loaddata` carry a directory over whole, as README.md ("Backups") says to run
them: into the same database after `flush`, or into a freshly migrated one."""

import importlib
import json
import uuid

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils.dateparse import parse_datetime

from resources.models import CrisisPhrase, SearchSynonym, Service, Taxonomy, TaxonomyTerm
from resources.search.crisis import crisis_phrase_id, seed_crisis_phrases
from resources.search.synonyms import synonym_id
from resources.vocabulary import seed_vocabulary

# As README.md gives the command: content types and permissions are made by `migrate` (and
# `flush`) in each database under their own ids, so the dump names them instead.
DUMP_OPTIONS = {
    "natural_foreign": True,
    "natural_primary": True,
    "exclude": ["contenttypes", "auth.permission"],
}


def seed_synonyms():
    importlib.import_module("resources.migrations.0014_search_words_people_type").seed_synonyms(
        apps, None
    )


def seed_as_migrate_does():
    seed_vocabulary(Taxonomy, TaxonomyTerm)
    seed_crisis_phrases(CrisisPhrase)
    seed_synonyms()


@pytest.fixture
def directory(sample_directory, curator):
    """The sample directory, with a curator's edit in its history and the seeded synonyms."""
    seed_synonyms()
    service = Service.objects.get(slug="yahara-walk-in-crisis-center")
    service.name = "Walk-in crisis centre"
    service.save()


def dump(path):
    call_command("dumpdata", output=str(path), verbosity=0, **DUMP_OPTIONS)
    return path.read_text()


def as_written(value):
    """A time as the moment it names: JSON keeps milliseconds, so a time loaded with none is
    written back without the `.000` it was dumped with."""
    if isinstance(value, str):
        try:
            return parse_datetime(value) or value
        except ValueError:
            return value
    return value


def assert_same_dump(after, before):
    """Each object as the dump writes it, model by model (a readable failure, not a 1 MB diff)."""
    before, after = json.loads(before), json.loads(after)
    for old, new in zip(before, after, strict=False):
        assert (new["model"], new.get("pk")) == (old["model"], old.get("pk"))
        changed = {
            name: (value, new["fields"].get(name))
            for name, value in old["fields"].items()
            if as_written(new["fields"].get(name)) != as_written(value)
        }
        assert not changed, f"{old['model']} {old.get('pk')}: {changed}"
    assert len(after) == len(before)


def row_counts():
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def test_a_dump_loads_back_after_flush_with_the_same_rows(directory, tmp_path):
    before, counts = dump(tmp_path / "before.json"), row_counts()
    assert counts["resources_historicalservice"] > counts["resources_service"]

    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(tmp_path / "before.json"), verbosity=0)

    assert row_counts() == counts
    assert_same_dump(dump(tmp_path / "after.json"), before)


def test_a_curators_next_edit_after_loading_is_recorded(directory, tmp_path):
    dump(tmp_path / "before.json")
    call_command("flush", interactive=False, verbosity=0)
    call_command("loaddata", str(tmp_path / "before.json"), verbosity=0)
    service = Service.objects.get(slug="yahara-walk-in-crisis-center")

    service.name = "Walk-in crisis center"
    service.save()

    assert [row.name for row in service.history.order_by("-history_date")[:2]] == [
        "Walk-in crisis center",
        "Walk-in crisis centre",
    ]


def test_a_dump_loads_into_a_freshly_migrated_database(directory, tmp_path):
    before, counts = dump(tmp_path / "before.json"), row_counts()
    call_command("flush", interactive=False, verbosity=0)
    seed_as_migrate_does()

    call_command("loaddata", str(tmp_path / "before.json"), verbosity=0)

    assert row_counts() == counts
    assert_same_dump(dump(tmp_path / "after.json"), before)


@pytest.mark.django_db
def test_seeded_synonyms_and_crisis_phrases_have_the_same_ids_in_every_database():
    assert SearchSynonym.objects.get(word="sad").id == synonym_id("sad")
    assert SearchSynonym.objects.get(word="panic attack").id == synonym_id("panic attack")
    assert CrisisPhrase.objects.get(phrase="quiero morir").id == crisis_phrase_id("quiero morir")


@pytest.mark.django_db
def test_seeded_rows_from_before_get_their_stable_ids_and_the_admin_log_follows(curator):
    SearchSynonym.objects.filter(word="sad").delete()
    random_id = uuid.uuid4()
    SearchSynonym.objects.create(id=random_id, word="sad", means="depression, low mood")
    own = SearchSynonym.objects.create(word="skint", means="free")
    entry = LogEntry.objects.create(
        user=curator,
        content_type=ContentType.objects.get_for_model(SearchSynonym),
        object_id=str(random_id),
        object_repr="sad",
        action_flag=CHANGE,
    )
    migration = importlib.import_module("resources.migrations.0027_stable_seeded_ids")

    migration.give_seeded_rows_stable_ids(apps, None)

    assert SearchSynonym.objects.get(word="sad").id == synonym_id("sad")
    assert SearchSynonym.objects.get(word="skint").id == own.id  # a curator's own keeps its id
    entry.refresh_from_db()
    assert entry.object_id == str(synonym_id("sad"))

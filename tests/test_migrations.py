import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.curation.test_history import changed_fields
from tests.factories import get_support, make_service
from tests.helpers import command_output


@pytest.mark.django_db
def test_the_models_have_no_changes_without_a_migration():
    assert "No changes detected" in command_output("makemigrations", "--check", "--dry-run")


@pytest.mark.django_db
def test_history_from_before_terms_were_recorded_gets_the_terms_a_service_has_now():
    migration = importlib.import_module("resources.migrations.0007_service_history_terms")
    service = make_service(terms=[get_support("emotional"), get_support("practical")])
    service.name = "Renamed"
    service.save()
    snapshot = apps.get_model("resources", "HistoricalService_terms")
    snapshot.objects.all().delete()  # as it was before the migration

    migration.snapshot_current_terms(apps, None)

    for row in service.history.all():
        assert set(row.terms.values_list("taxonomyterm_id", flat=True)) == {
            get_support("emotional").pk,
            get_support("practical").pk,
        }
    latest = service.history.latest()
    assert changed_fields(latest) == ["name"]


@pytest.mark.django_db
def test_the_spelling_words_are_counted_when_their_table_is_made():
    make_service(description="Weekly circle for bereaved parents.")
    SearchWord = apps.get_model("resources", "SearchWord")
    SearchWord.objects.all().delete()  # as it was before the migration
    migration = importlib.import_module("resources.migrations.0011_search_words")
    # The state as `migrate` has it when the migration's last step runs: models rendered before
    # the table was declared, the service's among them.
    loader = MigrationLoader(connection)
    state = loader.project_state(("resources", "0010_pending_search_refresh"))
    state.apps  # noqa: B018 (rendered, as the executor renders them)
    for operation in loader.get_migration("resources", "0011_search_words").operations[:-1]:
        # As Migration.apply(): each step is given a copy of the state before it.
        state = state.clone()
        operation.state_forwards("resources", state)

    migration.count_words(state.clone().apps, None)

    assert SearchWord.objects.filter(word="bereaved").exists()


@pytest.mark.django_db
def test_the_later_synonyms_are_added_without_undoing_curators_edits():
    from resources.models import SearchSynonym

    migration = importlib.import_module("resources.migrations.0014_search_words_people_type")
    SearchSynonym.objects.filter(word__in=["anxious", "lost my husband"]).delete()
    SearchSynonym.objects.filter(word="nervous").update(means="anxiety, nerves")
    SearchSynonym.objects.filter(word="postpartum").update(means="perinatal")
    SearchSynonym.objects.update_or_create(word="therapy", defaults={"means": "counselling"})

    migration.seed_synonyms(apps, None)

    means = dict(SearchSynonym.objects.values_list("word", "means"))
    assert means["anxious"] == "anxiety"
    assert means["lost my husband"] == "grief, bereavement"
    assert means["nervous"] == "anxiety, nerves"
    assert means["therapy"] == "counselling"
    # A meaning first seeded by 0005 and never edited is brought up to date.
    assert means["postpartum"] == "perinatal, new parents"

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from resources import vocabulary
from resources.search.crisis import STARTING_CRISIS_PHRASES, crisis_phrase_id
from resources.search.synonyms import STARTING_PHRASES, STARTING_SYNONYMS, synonym_id
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
    # the table was declared, the service's among them. The step-by-step migrations, which the
    # squashed one replaces in the graph of a database it migrated.
    loader = MigrationLoader(connection, replace_migrations=False)
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


def _run(migration_name, *steps):
    migration = importlib.import_module(f"resources.migrations.{migration_name}")
    for step in steps:
        getattr(migration, step)(apps, None)


@pytest.mark.django_db
def test_the_data_migrations_seed_the_vocabulary_the_code_knows():
    # The migrations seed from frozen copies: a term added to resources/vocabulary.py without a
    # data migration of its own would be missing from every database.
    from resources.models import Taxonomy, TaxonomyTerm

    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()

    _run("0002_seed_vocabulary", "seed")
    _run("0008_term_descriptions", "describe_terms")
    _run("0022_curators_words", "add_adults_audience")

    expected = {
        (vocabulary.term_id(name, code), name, code, str(term_name), str(description), position)
        for name, facet in vocabulary.FACETS.items()
        for position, (code, term_name, description) in enumerate(facet["terms"])
    }
    seeded = set(
        TaxonomyTerm.objects.values_list(
            "id", "taxonomy__name", "code", "name", "description", "position"
        )
    )
    assert seeded == expected
    assert dict(Taxonomy.objects.values_list("name", "description")) == {
        name: str(facet["description"]) for name, facet in vocabulary.FACETS.items()
    }


@pytest.mark.django_db
def test_the_data_migrations_seed_the_synonyms_and_crisis_phrases_the_code_starts_with():
    from resources.models import CrisisPhrase, SearchSynonym

    SearchSynonym.objects.all().delete()
    CrisisPhrase.objects.all().delete()

    _run("0005_search", "seed_synonyms")
    _run("0013_crisis_phrases", "seed_starting_phrases")
    _run("0014_search_words_people_type", "seed_synonyms")
    _run("0031_spanish_search", "seed_spanish_words")

    assert set(SearchSynonym.objects.values_list("id", "word", "means")) == {
        (synonym_id(word), word, means)
        for word, means in {**STARTING_SYNONYMS, **STARTING_PHRASES}.items()
    }
    assert set(CrisisPhrase.objects.values_list("id", "phrase")) == {
        (crisis_phrase_id(phrase), phrase) for phrase in STARTING_CRISIS_PHRASES
    }


@pytest.mark.django_db
def test_services_with_spanish_text_wait_for_their_spanish_documents_after_0031():
    from resources.models import PendingSearchRefresh

    spanish = make_service(description_es="Grupo de apoyo en duelo.")
    make_service()  # English only: its document has nothing to add
    PendingSearchRefresh.objects.all().delete()

    _run("0031_spanish_search", "queue_spanish_text")

    assert list(PendingSearchRefresh.objects.values_list("service_id", flat=True)) == [spanish.pk]


@pytest.mark.django_db
def test_every_service_waits_for_its_document_to_be_built_again_after_0033():
    from resources.models import PendingSearchRefresh

    services = {make_service().pk for _ in range(3)}
    PendingSearchRefresh.objects.all().delete()

    _run("0033_phrases_end_at_item_boundaries", "queue_every_service")

    assert set(PendingSearchRefresh.objects.values_list("service_id", flat=True)) == services


@pytest.mark.django_db
def test_the_squashed_migration_seeds_what_the_migrations_it_replaces_seed():
    # A new database is made by the squashed migration, from its own frozen copies.
    from resources.models import CrisisPhrase, SearchSynonym, Taxonomy, TaxonomyTerm

    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()
    SearchSynonym.objects.all().delete()
    CrisisPhrase.objects.all().delete()

    _run("0001_squashed_0032_search_indexes_in_models", "seed_vocabulary", "seed_search_words")

    assert set(
        TaxonomyTerm.objects.values_list(
            "id", "taxonomy__name", "code", "name", "description", "position"
        )
    ) == {
        (vocabulary.term_id(name, code), name, code, str(term_name), str(description), position)
        for name, facet in vocabulary.FACETS.items()
        for position, (code, term_name, description) in enumerate(facet["terms"])
    }
    assert set(Taxonomy.objects.values_list("id", "name", "description")) == {
        (vocabulary.taxonomy_id(name), name, str(facet["description"]))
        for name, facet in vocabulary.FACETS.items()
    }
    assert set(SearchSynonym.objects.values_list("id", "word", "means")) == {
        (synonym_id(word), word, means)
        for word, means in {**STARTING_SYNONYMS, **STARTING_PHRASES}.items()
    }
    assert set(CrisisPhrase.objects.values_list("id", "phrase")) == {
        (crisis_phrase_id(phrase), phrase) for phrase in STARTING_CRISIS_PHRASES
    }

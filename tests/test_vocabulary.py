import importlib
import uuid

import pytest
from django.apps import apps

from resources import vocabulary
from resources.models import Taxonomy, TaxonomyTerm

pytestmark = pytest.mark.django_db

DOMAIN_SLUGS = {
    "supportdir:support": [
        "emotional", "practical", "informational", "social-connection", "validation", "coping",
        "advocacy",
    ],
    "supportdir:resource": [
        "support-group", "hotline", "warmline", "counselling", "peer-support", "online-community",
        "community-organisation", "crisis-service",
    ],
    "supportdir:topic": [
        "depression", "anxiety", "ptsd-trauma", "bipolar", "psychosis", "eating-disorders",
        "substance-use", "grief", "suicide-prevention", "self-harm", "perinatal", "loneliness",
        "caring",
    ],
    "supportdir:audience": [
        "everyone", "adults", "young-people", "students", "older-adults", "veterans", "lgbtq",
        "families-carers", "women", "men", "cultural-community",
    ],
    "supportdir:delivery": ["in-person", "online", "phone", "text-chat"],
    "supportdir:cost": ["free", "sliding-scale", "insurance", "fee"],
}  # fmt: skip


def test_the_migration_seeds_the_six_vocabularies_with_the_domain_slugs_in_order():
    for taxonomy_name, slugs in DOMAIN_SLUGS.items():
        codes = list(TaxonomyTerm.objects.of(taxonomy_name).values_list("code", flat=True))
        assert codes == slugs, taxonomy_name


def test_the_kinds_of_support_carry_the_domain_names_and_explanations():
    emotional = TaxonomyTerm.objects.kinds_of_support().get(code="emotional")
    assert emotional.label == "Emotional support"
    assert emotional.explanation == "Someone who listens, understands and does not judge."


def test_vocabulary_ids_are_the_same_on_every_deployment():
    support = Taxonomy.objects.get(name="supportdir:support")
    assert support.id == vocabulary.taxonomy_id("supportdir:support")
    assert TaxonomyTerm.objects.get(code="coping").id == vocabulary.term_id(
        "supportdir:support", "coping"
    )


def test_seeding_again_keeps_the_terms_curators_added():
    support = Taxonomy.objects.get(name="supportdir:support")
    TaxonomyTerm.objects.create(taxonomy=support, code="spiritual", name="Spiritual support")
    vocabulary.seed_vocabulary(Taxonomy, TaxonomyTerm)
    assert TaxonomyTerm.objects.of("supportdir:support").count() == 8
    assert Taxonomy.objects.count() == 6


def test_every_term_explains_itself_as_hsds_requires():
    seeded = sum(len(facet["terms"]) for facet in vocabulary.FACETS.values())
    assert TaxonomyTerm.objects.count() == seeded
    assert not TaxonomyTerm.objects.filter(description="").exists()


def test_the_migration_fills_a_missing_description_and_keeps_a_curators_own():
    migration = importlib.import_module("resources.migrations.0008_term_descriptions")
    terms = TaxonomyTerm.objects.of("supportdir:topic")
    terms.filter(code="grief").update(description="")
    terms.filter(code="anxiety").update(description="Our own words.")

    migration.describe_terms(apps, None)

    assert (
        terms.get(code="grief").description
        == "Living with the death of someone close, or another deep loss."
    )
    assert terms.get(code="anxiety").description == "Our own words."


def test_the_adults_migration_adds_the_term_once_and_keeps_a_curators_own():
    migration = importlib.import_module("resources.migrations.0022_curators_words")
    terms = TaxonomyTerm.objects.of("supportdir:audience")
    terms.filter(code="adults").delete()
    terms.filter(code="everyone").update(name="Anyone at all")

    migration.add_adults_audience(apps, None)
    migration.add_adults_audience(apps, None)

    assert terms.get(code="adults").name == "Adults"
    assert terms.get(code="everyone").name == "Anyone at all"
    assert list(terms.values_list("code", flat=True)) == DOMAIN_SLUGS["supportdir:audience"]

    terms.filter(code="adults").update(id=uuid.uuid4(), name="Grown-ups")
    migration.add_adults_audience(apps, None)

    assert terms.get(code="adults").name == "Grown-ups"

"""The taxonomy terms list."""

import pytest

from resources import vocabulary
from resources.models import Taxonomy, TaxonomyTerm
from tests.conftest import admin_url

pytestmark = pytest.mark.django_db


def test_terms_can_be_filtered_by_taxonomy(curator_client):
    cost = Taxonomy.objects.get(name=vocabulary.COST)

    response = curator_client.get(
        admin_url(TaxonomyTerm, "changelist"), {"taxonomy__id__exact": cost.pk}
    )

    assert {term.code for term in response.context["cl"].result_list} == {
        "free",
        "sliding-scale",
        "insurance",
        "fee",
    }

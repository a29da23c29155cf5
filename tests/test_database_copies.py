"""The copies the suite puts back between tests (tests/database_copies.py) undo every write:
on PostgreSQL a restore leaves alone only the tables nobody has written to since it wrote them."""

import pytest

from resources.models import SearchSynonym
from tests.database_copies import copy_of_the_database

pytestmark = pytest.mark.django_db(transaction=True)


def synonyms():
    return sorted(SearchSynonym.objects.values_list("word", "means"))


@pytest.mark.parametrize("change", ["update", "delete", "insert"])
def test_a_restore_undoes_a_write_to_a_table_it_had_already_put_back(change):
    copy = copy_of_the_database()
    copy.restore()
    # Nothing written since the last restore: on PostgreSQL this one leaves every table alone.
    copy.restore()
    before = synonyms()
    synonym = SearchSynonym.objects.order_by("word").first()

    if change == "update":
        synonym.means = "something else entirely"
        synonym.save()
    elif change == "delete":
        synonym.delete()
    else:
        SearchSynonym.objects.create(word="a word of a test's own", means="free")
    assert synonyms() != before
    copy.restore()

    assert synonyms() == before

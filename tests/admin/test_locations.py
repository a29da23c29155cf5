"""The locations list."""

import pytest

from resources.models import Location
from tests.conftest import admin_url
from tests.factories import make_location

pytestmark = pytest.mark.django_db


def test_locations_can_be_searched_by_postcode_and_filtered_by_state(curator_client):
    make_location(name="Madison", postal_code="53703", state_province="WI")
    make_location(name="Chicago", postal_code="60601", state_province="IL")

    by_postcode = curator_client.get(admin_url(Location, "changelist"), {"q": "60601"})
    by_state = curator_client.get(admin_url(Location, "changelist"), {"state_province": "WI"})

    assert [location.name for location in by_postcode.context["cl"].result_list] == ["Chicago"]
    assert [location.name for location in by_state.context["cl"].result_list] == ["Madison"]

"""The phone form."""

import pytest

from resources.models import Phone
from tests.conftest import admin_url

pytestmark = pytest.mark.django_db


def test_a_phone_needs_exactly_one_owner(curator_client):
    response = curator_client.post(
        admin_url(Phone, "add"), {"number": "988", "type": "voice", "position": 0}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()

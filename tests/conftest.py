import pytest
from django.contrib.auth import get_user_model


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def curator(db):
    """A staff member with every permission of the directory, as `make run` creates."""
    return get_user_model().objects.create_superuser(
        username="curator", email="curator@example.org", password="a-long-test-password"
    )


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client

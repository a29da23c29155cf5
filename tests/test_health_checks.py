"""/healthz says the process answers; /readyz that what it needs answers, naming what does not."""

import pytest

from tests.outages import closed_port, database_down
from tests.workers import WORKER


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "supportdir.cache.RedisCacheWithFallback",
            "LOCATION": url,
            "KEY_PREFIX": f"health-test-{WORKER}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def assert_a_health_answer(response):
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Vary" not in response


def test_healthz_answers_without_the_database(client):
    # No django_db mark: pytest-django makes any query here fail the test.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert_a_health_answer(response)


@pytest.mark.django_db(databases="__all__")  # Each replica is checked too.
def test_readyz_says_ok_when_the_database_answers(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["failed"] == []
    assert_a_health_answer(response)


@pytest.mark.django_db(databases="__all__")  # Each replica is checked too.
def test_readyz_is_a_503_naming_the_database_when_it_does_not_answer(client):
    with database_down():
        response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "unreachable"
    assert body["failed"][0] == "database"  # Then any replica (DATABASE_REPLICA_URLS).
    assert_a_health_answer(response)


@pytest.mark.django_db(databases="__all__")  # Each replica is checked too.
def test_readyz_is_a_503_naming_redis_when_it_is_set_and_does_not_answer(client, settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["redis"] == "unreachable"
    assert response.json()["failed"] == ["redis"]


@pytest.mark.django_db(databases="__all__")  # Each replica is checked too.
def test_readyz_checks_redis_when_it_is_set(client, settings, redis_url):
    settings.CACHES = redis_cache(redis_url)

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == "ok"
    assert response.json()["failed"] == []


def test_a_load_balancer_asking_by_address_over_plain_http_gets_an_answer(client, settings):
    """Neither the host check nor the redirect to HTTPS stands in a health check's way."""
    settings.ALLOWED_HOSTS = ["help.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", headers={"Host": "10.0.0.5:8000"})

    assert response.status_code == 200


def test_health_checks_are_read_only(client):
    response = client.post("/healthz")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"

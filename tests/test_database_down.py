"""While the database is unreachable, every page answers a calm 503 that keeps the crisis line,
the API a JSON 503, and both serve again as soon as the database is back, without a restart."""

import contextlib
import http.client
import sqlite3

import pytest
from django.db import IntegrityError, connection, connections
from django.test import Client
from django.urls import reverse

from resources.public import views
from tests.factories import make_service
from tests.gunicorn import database_url, running_gunicorn
from tests.outages import Forwarder, closed_port, database_down
from tests.test_settings import run_with_settings


@pytest.fixture
def visitor():
    # As a browser: the response, never the test's exception.
    return Client(raise_request_exception=False)


def public_pages(service):
    return [
        reverse("resources:home"),
        reverse("resources:search") + "?q=grief",
        reverse("resources:kind_of_support", args=["emotional"]),
        service.get_absolute_url(),
        reverse("resources:suggest"),
        reverse("resources:report_problem", args=[service.slug]),
    ]


def assert_the_calm_503_page(response):
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "The directory is unavailable for a moment" in page
    assert 'href="tel:988"' in page
    assert 'href="sms:988"' in page
    assert "In an emergency, call 911." in page
    assert "<style" not in page
    assert " style=" not in page
    assert "<script>" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_every_public_page_answers_the_calm_503_page_while_the_database_is_down(visitor):
    service = make_service()

    with database_down():
        responses = [visitor.get(url) for url in public_pages(service)]

    for response in responses:
        assert_the_calm_503_page(response)
        assert not response.cookies


@pytest.mark.django_db
def test_the_log_of_an_outage_names_the_page_but_not_the_search(visitor, caplog):
    with database_down():
        visitor.get(reverse("resources:search"), {"q": "suicidal thoughts", "near": "53703"})
        visitor.get(reverse("api:services"), {"search": "suicidal", "postcode": "53703"})

    assert "/search/" in caplog.text
    assert "suicidal" not in caplog.text
    assert "53703" not in caplog.text


@pytest.mark.django_db
def test_a_form_sent_while_the_database_is_down_gets_the_503_page(visitor):
    with database_down():
        response = visitor.post(reverse("resources:suggest"), {"name": "A group"})

    assert_the_calm_503_page(response)


@pytest.mark.django_db
def test_the_503_page_shows_the_deployments_own_crisis_line(visitor, settings):
    settings.CRISIS_LINE_NAME = "Samaritans"
    settings.CRISIS_LINE_PHONE = "116 123"
    settings.CRISIS_LINE_TEXT = ""
    settings.EMERGENCY_NUMBER = "999"

    with database_down():
        page = visitor.get(reverse("resources:home")).content.decode()

    assert "The Samaritans is there day and night" in page
    assert 'href="tel:116123"' in page
    assert "sms:" not in page
    assert "In an emergency, call 999." in page


@pytest.mark.django_db
def test_the_503_page_is_labelled_with_the_language_it_is_written_in(visitor):
    # Spanish is asked for but not translated yet (issue 17): the English page says English.
    with database_down():
        response = visitor.get("/", headers={"Accept-Language": "es"})

    assert response.status_code == 503
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_a_json_503_while_the_database_is_down(visitor):
    service = make_service()

    with database_down():
        responses = [
            visitor.get("/api/services?search=grief"),
            visitor.get(f"/api/services/{service.pk}"),
            visitor.get("/api/taxonomy_terms"),
        ]

    for response in responses:
        assert response.status_code == 503
        assert response["Content-Type"] == "application/json"
        assert response["Retry-After"] == "30"
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response.json() == {
            "status": 503,
            "message": "The directory is unavailable for a moment; try again shortly.",
        }


@pytest.mark.django_db
def test_pages_and_the_api_serve_again_once_the_database_is_back(visitor):
    service = make_service(name="Grief circle")

    with database_down():
        assert visitor.get(service.get_absolute_url()).status_code == 503
        assert visitor.get("/api/services").status_code == 503

    page = visitor.get(service.get_absolute_url())
    assert page.status_code == 200
    assert "Grief circle" in page.content.decode()
    assert visitor.get("/api/services").json()["total_items"] == 1


@pytest.mark.django_db
def test_a_signed_in_curators_pages_answer_503_too(curator_client):
    curator_client.raise_request_exception = False

    with database_down():
        response = curator_client.get(reverse("resources:home"))

    assert response.status_code == 503


@pytest.mark.django_db
def test_a_database_error_that_is_not_an_outage_stays_a_500(visitor, monkeypatch):
    def broken():
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(views, "_get_recently_verified", broken)

    response = visitor.get(reverse("resources:home"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_real_refused_connection_gives_the_503_and_the_next_request_after_it_serves(visitor):
    make_service(name="Grief circle")
    ports = {alias: connections[alias].settings_dict["PORT"] for alias in connections}
    refused = closed_port()
    for alias in connections:
        connections[alias].close()
        connections[alias].settings_dict["PORT"] = refused
    try:
        page = visitor.get(reverse("resources:home"))
        api = visitor.get("/api/services")
    finally:
        for alias, port in ports.items():
            connections[alias].close()
            connections[alias].settings_dict["PORT"] = port

    assert_the_calm_503_page(page)
    assert api.status_code == 503
    assert visitor.get(reverse("resources:home")).status_code == 200
    assert visitor.get("/api/services").json()["total_items"] == 1


def _unreachable_database_url(tmp_path):
    if connection.vendor == "postgresql":
        return database_url({**connection.settings_dict, "PORT": closed_port()})
    return f"sqlite:///{tmp_path / 'no-such-folder' / 'supportdir.sqlite3'}"


def _get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


def test_gunicorn_started_without_a_database_answers_503s_and_health(tmp_path, monkeypatch):
    """The real server, with a database it never reached: no 500 anywhere, health checks tell
    the load balancer what is wrong."""
    monkeypatch.delenv("DATABASE_REPLICA_URLS", raising=False)
    # Without DEBUG pages name their static files from collectstatic's manifest.
    monkeypatch.setenv("STATIC_ROOT", str(tmp_path / "static"))
    collected = run_with_settings(
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('collectstatic', '--no-input', verbosity=0)",
        DEBUG="false",
        SECRET_KEY="x" * 50,
    )
    assert collected.returncode == 0, collected.stderr
    with running_gunicorn(tmp_path, database_url=_unreachable_database_url(tmp_path)) as server:
        page = _get(server.port, "/search/?q=grief")
        api = _get(server.port, "/api/services")
        alive = _get(server.port, "/healthz")
        ready = _get(server.port, "/readyz")
        # Django's limit is below gunicorn's (limit_request_line): its JSON 414 is what a client
        # gets, up to the request line gunicorn refuses itself.
        long_address = _get(server.port, "/api/services?search=" + "a" * 8100)
        longer_than_gunicorn_reads = _get(server.port, "/api/services?search=" + "a" * 8200)
        logs = server.logs()

    assert page[0] == 503
    assert 'href="tel:988"' in page[2]
    assert api[0] == 503
    assert api[1]["Content-Type"] == "application/json"
    assert alive[0] == 200
    assert ready[0] == 503
    assert '"failed":["database"]' in ready[2]
    assert long_address[0] == 414
    assert long_address[1]["Content-Type"] == "application/json"
    assert longer_than_gunicorn_reads[0] == 414
    assert "grief" not in logs


@contextlib.contextmanager
def database_that_can_go_away(tmp_path):
    """(url, go_away, come_back) for this test's database, through something that can fail as a
    database server does: a relay to PostgreSQL; for SQLite a copy whose folder can vanish."""
    if connection.vendor == "postgresql":
        relay = Forwarder(int(connection.settings_dict["PORT"] or 5432))
        relay.start()
        try:
            yield (
                database_url({**connection.settings_dict, "PORT": relay.port}),
                relay.stop,
                relay.start,
            )
        finally:
            relay.stop()
        return
    folder = tmp_path / "data"
    folder.mkdir()
    with sqlite3.connect(folder / "supportdir.sqlite3") as copy:
        connection.ensure_connection()
        connection.connection.backup(copy)
    yield (
        f"sqlite:///{folder / 'supportdir.sqlite3'}",
        lambda: folder.rename(tmp_path / "away"),
        lambda: (tmp_path / "away").rename(folder),
    )


@pytest.mark.django_db(transaction=True)
def test_gunicorn_serves_again_once_the_database_is_back_without_a_restart(tmp_path, monkeypatch):
    # One database, the one that goes away: no replicas for the server.
    monkeypatch.delenv("DATABASE_REPLICA_URLS", raising=False)
    make_service(name="Grief circle")

    with (
        database_that_can_go_away(tmp_path) as (url, go_away, come_back),
        running_gunicorn(tmp_path, database_url=url) as server,
    ):
        before = [_get(server.port, "/api/services"), _get(server.port, "/readyz")]
        go_away()
        while_away = [_get(server.port, "/api/services") for _ in range(3)]
        ready_while_away = _get(server.port, "/readyz")
        come_back()
        after = [_get(server.port, "/api/services") for _ in range(3)]
        ready_after = _get(server.port, "/readyz")

    assert [status for status, _headers, _body in before] == [200, 200]
    assert [status for status, _headers, _body in while_away] == [503, 503, 503]
    assert ready_while_away[0] == 503
    assert [status for status, _headers, _body in after] == [200, 200, 200]
    assert '"total_items":1' in after[0][2]
    assert ready_after[0] == 200

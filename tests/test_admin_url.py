"""The admin's address is a setting (ADMIN_URL): every curators' page moves with it."""

import importlib
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from tests.test_settings import run_with_settings
from tests.test_sign_in import PASSWORD, SECRET, code_for


def reload_urls():
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


@pytest.fixture
def admin_at_curators():
    with override_settings(ADMIN_URL="curators/"):
        reload_urls()
        yield
    reload_urls()


def test_the_admin_and_its_pages_move_to_the_address_set(client, curator, admin_at_curators):
    assert reverse("admin:index") == "/curators/"
    assert client.get("/admin/").status_code == 404

    response = client.get("/curators/")
    assert response.status_code == 302
    assert response["Location"].startswith("/curators/login/")

    client.force_login(curator)
    assert client.get("/curators/resources/service/").status_code == 200
    assert client.get("/curators/hsds/").status_code == 200


def test_sign_in_with_two_factor_works_at_the_address_set(
    client, curator, admin_at_curators, settings
):
    settings.REQUIRE_TWO_FACTOR = True

    signed_in = client.post(
        "/curators/login/",
        {"username": "curator", "password": PASSWORD, "next": "/curators/"},
    )
    asked = client.get(signed_in["Location"])
    assert asked["Location"].startswith("/curators/two-factor/")
    secret = SECRET.search(client.get(asked["Location"]).text).group(1)
    confirmed = client.post("/curators/two-factor/", {"code": code_for(secret)})
    assert confirmed["Location"].startswith("/curators/two-factor/recovery-codes/")

    assert client.get("/curators/").status_code == 200


def test_create_curator_prints_the_address_set(db, admin_at_curators, monkeypatch):
    monkeypatch.setenv("PORT", "8000")
    out = StringIO()

    call_command("create_curator", stdout=out)

    assert "http://127.0.0.1:8000/curators/" in out.getvalue()


@pytest.mark.parametrize("value", ["/admin/", "admin", "/"])
def test_an_admin_address_that_would_not_work_is_refused_with_its_name(value):
    result = run_with_settings("import django; django.setup()", DEBUG="true", ADMIN_URL=value)

    assert result.returncode != 0
    assert "ADMIN_URL" in result.stderr

"""Curators' sign-in: the pause after wrong passwords, unlocking, and two-factor sign-in."""

import base64
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.oath import totp

from resources.curation import sign_in
from resources.models import FailedSignIn
from tests.test_settings import run_with_settings

PASSWORD = "a-long-test-password"
SECRET = re.compile(r'<code id="two-factor-secret">([A-Z2-7 ]+)</code>')
CODE = re.compile(r"<li><code>([a-z2-7]+)</code></li>")


class CountingHasher(MD5PasswordHasher):
    """The tests' fast hasher, counting every password it hashes."""

    uses = 0

    def encode(self, password, salt):
        CountingHasher.uses += 1
        return super().encode(password, salt)


@pytest.fixture
def two_factor_on(settings):
    settings.REQUIRE_TWO_FACTOR = True


@pytest.fixture
def counted_hashing(settings):
    settings.PASSWORD_HASHERS = ["tests.test_sign_in.CountingHasher"]
    CountingHasher.uses = 0
    return CountingHasher


@pytest.fixture
def ana(db):
    return get_user_model().objects.create_superuser("ana", "ana@example.org", PASSWORD)


def sign_in_with_password(client, username="ana", password=PASSWORD, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        **extra,
    )


def code_for(secret_text):
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def set_up_app(client):
    """Go through the first sign-in's setup page; the recovery codes page's text is returned."""
    page = client.get(reverse("two_factor"), {"next": reverse("admin:index")})
    secret = SECRET.search(page.text).group(1)
    response = client.post(
        reverse("two_factor"), {"code": code_for(secret), "next": reverse("admin:index")}
    )
    assert response.status_code == 302
    return client.get(response["Location"]).text


# Two-factor sign-in


def test_first_sign_in_sets_up_the_app_then_shows_recovery_codes_then_the_admin(
    client, ana, two_factor_on
):
    response = sign_in_with_password(client)
    admin_page = client.get(response["Location"])
    assert admin_page.status_code == 302
    assert admin_page["Location"].startswith(reverse("two_factor"))

    setup = client.get(admin_page["Location"])
    assert "Set up two-factor sign-in" in setup.text
    assert 'src="data:image/svg+xml;base64,' in setup.text  # The QR code, made here.
    secret = SECRET.search(setup.text).group(1)
    confirmed = client.post(
        reverse("two_factor"), {"code": code_for(secret), "next": reverse("admin:index")}
    )
    codes_page = client.get(confirmed["Location"])

    assert len(CODE.findall(codes_page.text)) == sign_in.RECOVERY_CODE_COUNT
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_setup_page_keeps_its_secret_when_reloaded(client, ana, two_factor_on):
    client.force_login(ana)
    first = SECRET.search(client.get(reverse("two_factor")).text).group(1)
    assert SECRET.search(client.get(reverse("two_factor")).text).group(1) == first


def test_recovery_codes_are_shown_only_once(client, ana, two_factor_on):
    client.force_login(ana)
    set_up_app(client)

    again = client.get(reverse("two_factor_recovery_codes")).text

    assert CODE.findall(again) == []
    assert "shown only once" in again


def test_new_recovery_codes_replace_the_old_ones(client, ana, two_factor_on):
    client.force_login(ana)
    old = CODE.findall(set_up_app(client))

    made = client.post(reverse("two_factor_recovery_codes"))
    new = CODE.findall(client.get(made["Location"]).text)

    assert len(new) == sign_in.RECOVERY_CODE_COUNT
    assert not set(old) & set(new)


def test_a_wrong_code_is_refused_with_a_message(client, ana, two_factor_on):
    client.force_login(ana)
    client.get(reverse("two_factor"))

    response = client.post(reverse("two_factor"), {"code": "000000"})

    assert response.status_code == 200
    assert "That code did not work" in response.text
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_recovery_code_signs_in_once(client, ana, two_factor_on):
    client.force_login(ana)
    code = CODE.findall(set_up_app(client))[0]
    client.logout()

    sign_in_with_password(client)
    asked = client.get(reverse("admin:index"))
    assert asked["Location"].startswith(reverse("two_factor"))
    assert "recovery codes" in client.get(asked["Location"]).text
    assert client.post(reverse("two_factor"), {"code": code.upper()}).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()

    sign_in_with_password(client)
    refused = client.post(reverse("two_factor"), {"code": code})
    assert "That code did not work" in refused.text
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_apps_code_signs_in_later(client, ana, two_factor_on):
    client.force_login(ana)
    set_up_app(client)
    client.logout()
    app = sign_in.TOTPDevice.objects.get(user=ana)
    # One code serves once: the next sign-in waits for the app's next one.
    app.last_t = -1
    app.save()

    sign_in_with_password(client)
    client.post(reverse("two_factor"), {"code": f"{totp(app.bin_key):06d}"})

    assert client.get(reverse("admin:index")).status_code == 200


def test_a_curator_whose_app_was_removed_sets_up_a_new_one(client, ana, two_factor_on):
    client.force_login(ana)
    old_codes = CODE.findall(set_up_app(client))
    client.logout()
    sign_in.TOTPDevice.objects.filter(user=ana).delete()

    sign_in_with_password(client)
    new_codes = CODE.findall(set_up_app(client))

    assert client.get(reverse("admin:index")).status_code == 200
    assert not set(old_codes) & set(new_codes)


def test_every_admin_page_waits_for_the_second_factor(client, ana, two_factor_on):
    client.force_login(ana)

    for url in [
        reverse("admin:resources_service_changelist"),
        reverse("hsds_open_data"),
        reverse("admin:password_change"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("two_factor")), url


def test_with_two_factor_relaxed_a_password_is_enough(client, ana, settings):
    settings.REQUIRE_TWO_FACTOR = False

    sign_in_with_password(client)

    assert client.get(reverse("admin:index")).status_code == 200


def test_two_factor_is_required_by_default_when_debug_is_off():
    code = "from django.conf import settings; print(settings.REQUIRE_TWO_FACTOR)"
    production = run_with_settings(code, DEBUG="false", SECRET_KEY="x" * 50)
    relaxed = run_with_settings(
        code, DEBUG="false", SECRET_KEY="x" * 50, REQUIRE_TWO_FACTOR="false"
    )
    development = run_with_settings(code, DEBUG="true")

    assert production.stdout.strip() == "True", production.stderr
    assert relaxed.stdout.strip() == "False", relaxed.stderr
    assert development.stdout.strip() == "False", development.stderr


def test_the_two_factor_page_needs_a_signed_in_curator(client, db):
    response = client.get(reverse("two_factor"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# Pausing sign-in after wrong passwords


def test_after_the_limit_even_the_right_password_is_refused_without_hashing(
    client, ana, settings, counted_hashing
):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT):
        sign_in_with_password(client, password="wrong")
    hashed_before = counted_hashing.uses

    response = sign_in_with_password(client)

    assert response.status_code == 429
    assert "Signing in is paused" in response.text
    assert counted_hashing.uses == hashed_before
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_few_wrong_passwords_do_not_pause(client, ana, settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT - 1):
        assert sign_in_with_password(client, password="wrong").status_code == 200

    assert sign_in_with_password(client).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_wrong_passwords_for_many_accounts_pause_that_address_only(
    client, ana, settings, counted_hashing
):
    for number in range(settings.SIGN_IN_FAILURE_LIMIT):
        sign_in_with_password(client, username=f"guess{number}", password="wrong")
    hashed_before = counted_hashing.uses

    assert sign_in_with_password(client, username="someone-else").status_code == 429
    assert counted_hashing.uses == hashed_before
    elsewhere = sign_in_with_password(client, REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 302


def test_the_password_is_never_logged_nor_kept(client, ana, settings, caplog):
    caplog.set_level(logging.DEBUG)

    for _ in range(settings.SIGN_IN_FAILURE_LIMIT + 1):
        sign_in_with_password(client, password="my-secret-guess")

    assert "my-secret-guess" not in caplog.text
    assert FailedSignIn.objects.filter(username="ana").exists()
    assert not FailedSignIn.objects.filter(post_data__contains="my-secret-guess").exists()


def test_a_publisher_finds_failed_sign_ins_and_unlocks_them(client, ana, settings):
    for _ in range(settings.SIGN_IN_FAILURE_LIMIT):
        sign_in_with_password(client, password="wrong")
    publisher = get_user_model().objects.create_user("pat", password="x")
    publisher.groups.add(Group.objects.get(name="Publishers"))
    curator = client_for(publisher)

    index = curator.get(reverse("admin:index")).text
    assert "Failed sign-ins" in index
    listing = curator.get(reverse("admin:resources_failedsignin_changelist")).text
    assert "ana" in listing
    assert "Unlock" in listing
    attempts = list(FailedSignIn.objects.values_list("pk", flat=True))
    curator.post(
        reverse("admin:resources_failedsignin_changelist"),
        {"action": "unlock", "_selected_action": attempts},
    )

    assert not FailedSignIn.objects.exists()
    assert sign_in_with_password(client).status_code == 302


def test_an_editor_does_not_see_failed_sign_ins(db):
    editor = get_user_model().objects.create_user("ed", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    curator = client_for(editor)

    assert "Failed sign-ins" not in curator.get(reverse("admin:index")).text
    listing = curator.get(reverse("admin:resources_failedsignin_changelist"))
    assert listing.status_code == 403


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# Public pages


def test_public_pages_set_no_cookie_and_read_no_sign_in_tables(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")

    assert response.status_code == 200
    assert not response.cookies
    assert not [q for q in queries if "axes_" in q["sql"] or "otp_" in q["sql"]]

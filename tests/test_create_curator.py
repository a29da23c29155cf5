import os
import re
import shlex
import subprocess

import pytest
from django.contrib.auth import authenticate, get_user_model

from tests.helpers import command_output

pytestmark = pytest.mark.django_db


def create_curator(*args):
    return command_output("create_curator", *args)


def printed_password(output):
    return re.search(r"password: (\S+)", output).group(1)


def test_it_creates_a_superuser_whose_printed_password_works():
    output = create_curator()

    user = get_user_model().objects.get(username="curator")
    assert user.is_superuser
    assert user.is_staff
    assert authenticate(username="curator", password=printed_password(output)) == user


def test_it_prints_the_login_address_and_the_username(monkeypatch):
    monkeypatch.setenv("PORT", "8123")

    output = create_curator()

    assert "http://127.0.0.1:8123/admin/" in output
    assert "username: curator" in output


def test_the_login_address_uses_port_8000_by_default(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)

    assert "http://127.0.0.1:8000/admin/" in create_curator()


def test_every_curator_gets_a_different_random_password():
    first = printed_password(create_curator("--username", "ana"))
    second = printed_password(create_curator("--username", "ben"))

    assert first != second
    assert len(first) >= 16


def test_a_second_run_keeps_the_password_and_does_not_print_it():
    first_output = create_curator()
    password_hash = get_user_model().objects.get(username="curator").password

    second_output = create_curator()

    assert get_user_model().objects.get(username="curator").password == password_hash
    assert printed_password(first_output) not in second_output
    assert "already exists" in second_output
    assert "python manage.py changepassword curator" in second_output
    assert get_user_model().objects.filter(username="curator").count() == 1


def test_it_leaves_an_existing_user_of_another_name_alone():
    get_user_model().objects.create_user("maria", password="her-own-password")

    output = create_curator("--username", "maria")

    assert "already exists" in output
    assert authenticate(username="maria", password="her-own-password") is not None
    assert not get_user_model().objects.get(username="maria").is_superuser


def test_the_printed_password_command_runs_as_printed():
    output = create_curator()
    command = shlex.split(re.search(r"Change it with:\n  (.+)", output).group(1))

    assert command[-2:] == ["changepassword", "curator"]
    # changepassword itself asks on the terminal; its help proves the interpreter and
    # manage.py are the ones that work from here.
    result = subprocess.run(  # noqa: S603 (the command this project printed)
        [*command[:-2], "help", "changepassword"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "DEBUG": "true"},
    )
    assert result.returncode == 0, result.stderr
    assert "Change a user's password" in result.stdout


def test_it_explains_the_first_sign_in_when_two_factor_is_required(settings):
    settings.REQUIRE_TWO_FACTOR = True

    output = create_curator()

    assert "authenticator app" in output
    assert "recovery codes" in output

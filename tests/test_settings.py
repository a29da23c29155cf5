"""Settings come from the environment, and a bad value stops the start with a clear message."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from supportdir.env import env_bool


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("1", True), ("TRUE", True), ("false", False), ("0", False), ("", False)],
)
def test_booleans_accept_true_false_1_0(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_an_unreadable_boolean_is_refused_with_its_name(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


# The test run's own settings, and the browser tests' permission to call the ORM beside
# Playwright's event loop (a deployment check refuses it), are not the subprocess's.
UNSET_IN_SUBPROCESSES = {
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "DATABASE_REPLICA_URLS",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
}


def load_settings(**environment):
    return run_with_settings(
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.TIME_ZONE, settings.DEBUG)",
        **environment,
    )


def refusal(**environment):
    """What the settings say when they refuse to load with `environment`."""
    result = load_settings(**environment)
    assert result.returncode != 0
    return result.stderr


def run_with_settings(code, **environment):
    """Python `code` run in a new process, its settings read from this process's environment
    without UNSET_IN_SUBPROCESSES, and with `environment`."""
    env = {key: value for key, value in os.environ.items() if key not in UNSET_IN_SUBPROCESSES}
    env.update(environment)
    return subprocess.run(  # noqa: S603 (the tests' own code)
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "supportdir.settings"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    refused = refusal(DEBUG="false")
    assert "SECRET_KEY is required when DEBUG is off" in refused


def test_sqlite_is_the_default_and_postgres_urls_use_psycopg(tmp_path):
    default = load_settings(DEBUG="true", DATA_DIR=str(tmp_path))
    assert default.stdout.split()[0] == "django.db.backends.sqlite3"
    postgres = load_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://user@127.0.0.1:5432/supportdir",
        TIME_ZONE="America/New_York",
    )
    assert postgres.stdout.split() == ["django.db.backends.postgresql", "America/New_York", "False"]


def database_settings(**environment):
    result = run_with_settings(
        "import json; from django.conf import settings; print(json.dumps({"
        "'databases': settings.DATABASES, 'routers': settings.DATABASE_ROUTERS, "
        "'middleware': settings.MIDDLEWARE}, default=str))",
        SECRET_KEY="x" * 50,
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_replicas_are_test_mirrors_of_the_primary_connected_alike():
    configured = database_settings(
        DATABASE_URL="postgres://app:secret@primary.internal:5432/supportdir",
        DATABASE_REPLICA_URLS=(
            "postgres://app:secret@replica-a.internal:5432/supportdir, "
            "postgres://app:secret@replica-b.internal:5432/supportdir"
        ),
        CONN_MAX_AGE="30",
    )

    databases = configured["databases"]
    assert list(databases) == ["default", "replica_1", "replica_2"]
    assert [databases[alias]["HOST"] for alias in databases] == [
        "primary.internal",
        "replica-a.internal",
        "replica-b.internal",
    ]
    for alias in ["replica_1", "replica_2"]:
        assert databases[alias]["TEST"]["MIRROR"] == "default"
        assert databases[alias]["CONN_MAX_AGE"] == 30
        assert databases[alias]["CONN_HEALTH_CHECKS"] is True
    assert configured["routers"] == ["supportdir.db_routers.PrimaryReplicaRouter"]
    middleware = configured["middleware"]
    assert middleware.index("supportdir.db_routers.ReadReplicaMiddleware") == (
        middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
    )


def test_without_replicas_neither_router_nor_middleware_is_installed():
    configured = database_settings(DATABASE_URL="postgres://app@primary.internal/supportdir")

    assert list(configured["databases"]) == ["default"]
    assert configured["routers"] == []
    assert not any("db_routers" in name for name in configured["middleware"])


def test_an_unreadable_replica_url_is_refused_by_name_without_its_password():
    refused = refusal(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://app@primary.internal/supportdir",
        DATABASE_REPLICA_URLS="postgres://app@replica.internal/supportdir,http://app:hunter2@replica",
    )

    assert "ImproperlyConfigured: DATABASE_REPLICA_URLS: replica 2 is not a database URL" in (
        refused
    )
    assert "hunter2" not in refused


def test_an_unreadable_database_url_is_refused_by_name():
    refused = refusal(SECRET_KEY="x" * 50, DATABASE_URL="postgres://app@primary:port/db")

    assert "ImproperlyConfigured: DATABASE_URL is not a database URL" in refused


def test_a_replica_must_run_the_primarys_database():
    refused = refusal(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://app@primary.internal/supportdir",
        DATABASE_REPLICA_URLS="mysql://app@replica.internal/supportdir",
    )

    assert "DATABASE_REPLICA_URLS: replica 1 uses django.db.backends.mysql" in refused


def test_the_crisis_lines_chat_must_be_an_https_address():
    refused = refusal(DEBUG="true", CRISIS_LINE_CHAT_URL="javascript:alert(1)")

    assert "CRISIS_LINE_CHAT_URL must be an https:// address" in refused
    assert load_settings(DEBUG="true", CRISIS_LINE_CHAT_URL="").returncode == 0

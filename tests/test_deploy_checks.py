"""The README's production environment passes Django's deployment checks with no warning."""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.test_settings import UNSET_IN_SUBPROCESSES, run_with_settings

ROOT = Path(__file__).resolve().parent.parent

# README, Running it in production, step 1: the variables a production deployment sets.
README_PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "kq3Vb9-2mZ_xR7tLw8YpE4nHc6JdGfA1sUoTiBeNvQyKrX5lCzMgWhP0jD",
    "ALLOWED_HOSTS": "help.example.org",
    "DATABASE_URL": "postgres://supportdir:secret@127.0.0.1:5432/supportdir",
    "TIME_ZONE": "America/Chicago",
    "BEHIND_HTTPS_PROXY": "true",
    "CSRF_TRUSTED_ORIGINS": "https://help.example.org",
}
HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)


def check_deploy(**environment):
    env = {key: value for key, value in os.environ.items() if key not in UNSET_IN_SUBPROCESSES}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def https_settings(**environment):
    result = run_with_settings(
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {HTTPS_SETTINGS!r}}}))",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_readmes_production_variables_pass_the_deployment_checks():
    result = check_deploy(**README_PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


def test_without_the_https_proxy_the_checks_ask_for_a_redirect():
    environment = {**README_PRODUCTION, "BEHIND_HTTPS_PROXY": "false"}

    result = check_deploy(**environment)

    assert result.returncode != 0
    assert "security.W008" in result.stderr
    assert "security.W004" not in result.stderr  # HSTS is on regardless.


def test_production_keeps_to_https_for_a_year_with_subdomains_but_no_preloading():
    assert https_settings(**README_PRODUCTION) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": False,
    }


def test_development_has_no_https_rules():
    assert https_settings(DEBUG="true", BEHIND_HTTPS_PROXY="true") == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
    }


def test_each_https_rule_is_a_setting():
    assert https_settings(
        **README_PRODUCTION,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="true",
    ) == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": True,
    }

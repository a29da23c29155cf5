"""Strict readers for settings that come from environment variables."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true/false or 1/0, not {raw!r}.")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(name, url, **options):
    """A DATABASES entry from one database URL, read by dj-database-url with `options`.

    `name` says where the URL came from; the URL itself stays out of the message, since it may
    hold a password.
    """
    try:
        return dj_database_url.parse(url, **options)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} is not a database URL like postgres://user:password@host:5432/name ({error})"
        ) from None

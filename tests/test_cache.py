"""The cache: each process's own memory by default; with REDIS_URL, one Redis that every process
of every app server shares, under the deployment's key prefix."""

import json
import socket
import uuid

from tests.test_settings import run_with_settings

IMPORTS = "import json, time; from django.core.cache import cache, caches; "


def in_a_new_process(code, **environment):
    """What `code` prints, run in a fresh process (a separate app server, as far as the cache
    can tell)."""
    result = run_with_settings(IMPORTS + code, SECRET_KEY="x" * 50, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def cache_settings(**environment):
    return in_a_new_process(
        "from django.conf import settings; print(json.dumps(settings.CACHES['default']))",
        **environment,
    )


def test_without_redis_each_process_caches_in_its_own_memory():
    cache = cache_settings()

    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache["KEY_PREFIX"] == "supportdir"


def test_the_key_prefix_follows_the_site_name_unless_one_is_given():
    assert cache_settings(SITE_NAME="Dane County Help")["KEY_PREFIX"] == "dane-county-help"
    given = cache_settings(SITE_NAME="Dane County Help", CACHE_KEY_PREFIX="dane-staging")
    assert given["KEY_PREFIX"] == "dane-staging"


def test_with_redis_app_servers_share_one_cache(redis_url):
    key = f"test-cache-{uuid.uuid4().hex}"

    written = in_a_new_process(
        f"cache.set({key!r}, 'kept for the others', 60); "
        "backend = type(caches['default']); "
        "print(json.dumps(backend.__module__ + '.' + backend.__name__))",
        REDIS_URL=redis_url,
    )
    read = in_a_new_process(
        f"print(json.dumps(cache.get({key!r}))); cache.delete({key!r})", REDIS_URL=redis_url
    )

    assert written == "supportdir.cache.RedisCacheWithFallback"
    assert read == "kept for the others"


def test_deployments_sharing_a_redis_keep_apart_by_key_prefix(redis_url):
    key = f"test-cache-{uuid.uuid4().hex}"

    in_a_new_process(
        f"cache.set({key!r}, 'ours', 60); print(json.dumps(True))",
        REDIS_URL=redis_url,
        SITE_NAME="Ours",
    )
    theirs = in_a_new_process(
        f"print(json.dumps(cache.get({key!r})))", REDIS_URL=redis_url, SITE_NAME="Theirs"
    )
    ours = in_a_new_process(
        f"print(json.dumps(cache.get({key!r}))); cache.delete({key!r})",
        REDIS_URL=redis_url,
        SITE_NAME="Ours",
    )

    assert theirs is None
    assert ours == "ours"


def test_a_redis_that_does_not_answer_is_given_up_on_within_a_second_or_so():
    # Accepts connections (the kernel does, for the backlog) and never answers a command.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        outcome = in_a_new_process(
            "started = time.monotonic()\n"
            "print(json.dumps([cache.get('anything', 'missed'), time.monotonic() - started]))",
            REDIS_URL=f"redis://127.0.0.1:{port}/7",
        )

    value, seconds = outcome
    assert value == "missed"  # A miss from this process's memory (supportdir/cache.py).
    assert seconds < 3  # redis-py on its own waits 5 seconds.

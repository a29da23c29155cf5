"""With REDIS_URL set and Redis down, nothing answers 500: pages compute afresh, the public forms'
rate limits count in each process's memory, and the log says so once, without search words."""

import logging

import pytest
import redis
from django.urls import reverse

from resources.models import Suggestion
from supportdir import cache as redis_fallback
from tests.curation.conftest import post_one_suggestion_too_many
from tests.factories import make_service
from tests.outages import closed_port
from tests.test_health_checks import redis_cache

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")


def warnings_about_redis(caplog):
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == "supportdir.cache" and record.levelno == logging.WARNING
    ]


def test_searches_and_service_pages_answer_while_redis_is_down(client, redis_down, caplog):
    service = make_service(name="Widowed parents' circle", description="Grief support.")

    search = client.get(reverse("resources:search"), {"q": "widowed", "near": "53703"})
    page = client.get(service.get_absolute_url())
    home = client.get(reverse("resources:home"))
    api = client.get("/api/services", {"search": "widowed"})

    assert search.status_code == 200
    assert "Widowed parents" in search.content.decode()
    assert page.status_code == 200
    assert home.status_code == 200
    assert api.json()["total_items"] == 1
    assert len(warnings_about_redis(caplog)) == 1
    assert "widowed" not in caplog.text.lower()
    assert "53703" not in caplog.text


def test_the_rate_limit_counts_in_the_process_while_redis_is_down(client, settings, redis_down):
    settings.SUBMISSION_RATE_LIMIT = 3
    url = reverse("resources:suggest")
    response = post_one_suggestion_too_many(client, url, limit=3)

    assert response.status_code == 429
    assert "several messages in a short time" in response.content.decode()
    assert Suggestion.objects.count() == 3


def test_the_log_says_once_that_redis_went_away_and_once_that_it_came_back(
    settings, redis_url, caplog, monkeypatch
):
    settings.CACHES = redis_cache(redis_url)
    from django.core.cache import cache

    monkeypatch.setattr(redis_fallback, "RETRY_SECONDS", 0)
    answers = redis.Redis.from_url(redis_url)
    real_get_client = cache._cache.get_client

    def refused(*args, **kwargs):
        raise redis.ConnectionError("Connection refused.")

    monkeypatch.setattr(cache._cache, "get_client", refused)
    cache.set("kept-while-down", "here", 60)
    assert cache.get("kept-while-down") == "here"  # From this process's memory.

    monkeypatch.setattr(cache._cache, "get_client", real_get_client)
    cache.set("kept-once-back", "there", 60)

    assert answers.exists(cache.make_key("kept-once-back"))
    assert not answers.exists(cache.make_key("kept-while-down"))
    messages = [r.getMessage() for r in caplog.records if r.name == "supportdir.cache"]
    assert len(messages) == 2
    assert "unreachable (ConnectionError)" in messages[0]
    assert messages[1] == "Redis (the cache) answers again."
    answers.delete(cache.make_key("kept-once-back"))

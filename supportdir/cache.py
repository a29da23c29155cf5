"""The Redis cache, with each process's own memory to fall back on while Redis is unreachable.

What the cache holds (the public forms' rate-limit counts, what pages keep to save work) may be
kept in each process's memory for a while, as it is without REDIS_URL at all: a Redis that is
down must not turn every search into a 500 (issue 15). So while Redis fails, every operation
goes to a memory cache of this process; the rate limits then count per process. After a failure
Redis is left alone for RETRY_SECONDS, so pages are not slowed by a connect timeout each, then
tried again; it is back without a restart.

The log says when Redis went away and when it came back, with the error's kind only: never a
key or a value (keys carry hashes of search words, values the results).
"""

import logging
import threading
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# How long Redis is left alone after a failure before it is tried again.
RETRY_SECONDS = 10

# Per process, shared by its threads (Django makes a cache backend per thread): where each Redis
# stands, by its location.
_outages = {}
_outages_lock = threading.Lock()


class _Outage:
    def __init__(self):
        self.down = False
        self.retry_at = 0.0

    def skipping(self):
        return self.down and time.monotonic() < self.retry_at

    def failed(self, error):
        with _outages_lock:
            newly = not self.down
            self.down = True
            self.retry_at = time.monotonic() + RETRY_SECONDS
        if newly:
            logger.warning(
                "Redis (the cache) is unreachable (%s): this process counts the rate limits "
                "and caches in its own memory until Redis answers again.",
                type(error).__name__,
            )

    def answered(self):
        if self.down:
            with _outages_lock:
                newly = self.down
                self.down = False
            if newly:
                logger.warning("Redis (the cache) answers again.")


def _outage(location):
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


def _falling_back(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        outage = _outage(self._location_key)
        if not outage.skipping():
            try:
                result = redis_method(self, *args, **kwargs)
            except redis.RedisError as error:
                outage.failed(error)
            else:
                outage.answered()
                return result
        return getattr(self.fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = redis_method.__doc__
    return method


class RedisCacheWithFallback(RedisCache):
    """Django's Redis cache whose every operation falls back on this process's memory."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location_key = str(server)
        memory_params = {key: value for key, value in params.items() if key != "OPTIONS"}
        # Memory caches of one name share their data across the process's threads.
        self.fallback = LocMemCache(f"redis-fallback:{self._location_key}", memory_params)

    def is_reachable(self):
        """Whether Redis answers a PING now (for the readiness check; nothing falls back)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except redis.RedisError:
            return False

    add = _falling_back("add")
    get = _falling_back("get")
    set = _falling_back("set")
    touch = _falling_back("touch")
    delete = _falling_back("delete")
    get_many = _falling_back("get_many")
    has_key = _falling_back("has_key")
    incr = _falling_back("incr")
    set_many = _falling_back("set_many")
    delete_many = _falling_back("delete_many")
    clear = _falling_back("clear")

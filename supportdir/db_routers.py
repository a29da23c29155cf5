"""Visitors' reads from read replicas, the rest on the primary: the router and its middleware.

settings.py installs both only when DATABASE_REPLICA_URLS names replicas; it adds them as the
databases replica_1, replica_2, ... Every database other than `default` is taken to be a
replica of it. The rule, because a replica may lag the primary by a moment:

- A visitor's GET, HEAD or OPTIONS (nobody signed in) reads from one replica, chosen at random
  when the request starts and kept for the whole request, so all its queries see the same copy.
- Everything else reads from the primary: every request of a signed-in curator (they must see
  what they have just saved), POST and the other unsafe methods, and everything outside a
  request (management commands, migrations, cron jobs, the shell).
- Once a request writes, the rest of it reads from the primary; so does every read inside
  transaction.atomic(), where the transaction's own writes are.
- Writes always go to the primary, and migrations run only there.
"""

import random
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

# The replica the current request reads from; None means the primary.
_reading_from = ContextVar("supportdir_reading_from", default=None)

# As CsrfViewMiddleware counts them.
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def replica_aliases():
    return [alias for alias in connections if alias != DEFAULT_DB_ALIAS]


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        replica = _reading_from.get()
        if replica is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return replica

    def db_for_write(self, model, **hints):
        # What the request reads next may depend on what it writes now.
        _reading_from.set(None)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replicas hold the primary's rows, so an object read from one may point at another's.
        databases = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReadReplicaMiddleware:
    """Lets an anonymous visitor's safe request read from a replica, until its response ends.

    Goes after AuthenticationMiddleware: a signed-in curator's session and user are read from
    the primary before this decides.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reading_from.set(self.replica_for(request))
        try:
            response = self.get_response(request)
        except BaseException:
            _reading_from.reset(token)
            raise
        if _queries_while_sent(response):
            response.streaming_content = _RoutedStream(response.streaming_content, token)
        else:
            _reading_from.reset(token)
        return response

    def replica_for(self, request):
        if request.method not in SAFE_METHODS or request.user.is_authenticated:
            return None
        replicas = replica_aliases()
        return random.choice(replicas) if replicas else None  # noqa: S311 (load, not secrets)


def _queries_while_sent(response):
    """A generated body (the API's NDJSON) is read after the middleware returns, and reads the
    database as the view would. A file does not; an asynchronous body (we have none) would read
    from the primary."""
    return (
        response.streaming
        and not response.is_async
        and getattr(response, "file_to_stream", None) is None
    )


class _RoutedStream:
    """A streamed body that puts the routing back once it is read to the end or closed; Django
    closes it with the response, read or not."""

    def __init__(self, content, token):
        self.content = content
        self.token = token

    def __iter__(self):
        try:
            yield from self.content
        finally:
            self.close()

    def close(self):
        if self.token is None:
            return
        token, self.token = self.token, None
        try:
            _reading_from.reset(token)
        except ValueError:
            # Under ASGI the body is read in another copy of the request's context, one that
            # ends with the request: the primary, for whatever else runs in it.
            _reading_from.set(None)

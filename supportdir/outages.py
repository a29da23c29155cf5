"""When the database or Redis is down: health checks, and a calm 503 instead of a 500.

- `/healthz` says the process answers; `/readyz` that the database (each replica too) and, when
  REDIS_URL is set, Redis answer. HealthCheckMiddleware answers both first of all, so nothing a
  request otherwise goes through can fail them or set a cookie: no session, no host check (a
  load balancer asks by address), no redirect to HTTPS (it asks over plain HTTP).
- A page whose database is unreachable answers 503 with Retry-After and a page that needs no
  database (templates/503.html): the crisis line's call and text buttons and the emergency
  number come from settings, as on every page. The API answers a JSON 503. Nothing is kept
  between requests, so the next request after the database is back is served as usual.
"""

import logging
import sys

import orjson
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader

from resources.api.errors import API_PREFIX, json_error
from resources.public.context import site

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# What a database that cannot be reached raises: refused or dropped connections, a server
# shutting down, a connection gone stale. Errors in a query itself (IntegrityError,
# ProgrammingError, DataError) stay bugs, and 500s.
UNREACHABLE = (OperationalError, InterfaceError)
HEALTH_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware runs (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        check = HEALTH_CHECKS.get(request.path_info)
        if check is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _json({"status": 405, "message": "GET or HEAD only."}, status=405)
            response["Allow"] = "GET, HEAD"
        else:
            response = check()
        for header, value in HEALTH_HEADERS.items():
            response[header] = value
        return response


def healthz():
    """The process answers. Nothing else is asked: a slow database must not take every app
    server out of a load balancer's rotation at once."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def readyz():
    """{"status": "ok"} when every database and Redis answer, else a 503 naming what failed."""
    checks = {alias: _database_answers(alias) for alias in connections}
    checks = {("database" if alias == "default" else alias): ok for alias, ok in checks.items()}
    cache = caches["default"]
    if hasattr(cache, "is_reachable"):
        checks["redis"] = cache.is_reachable()
    failed = [name for name, ok in checks.items() if not ok]
    return _json(
        {
            "status": "unavailable" if failed else "ok",
            "checks": {name: "ok" if ok else "unreachable" for name, ok in checks.items()},
            "failed": failed,
        },
        status=503 if failed else 200,
    )


HEALTH_CHECKS = {"/healthz": healthz, "/readyz": readyz}


def _database_answers(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Readiness: the database %s does not answer (%s).", alias, _kind(error))
        return False
    return True


def _json(data, status):
    return HttpResponse(orjson.dumps(data), content_type="application/json", status=status)


def _kind(error):
    """The error's class and first line: the database's words, never the query's values."""
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first_line[:200]}"


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 (module docstring).

    process_exception catches what views raise, with DEBUG on too; errors raised in other
    middleware (a curator's session read) reach resources.public.views.server_error, which asks
    `unavailable_response` as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNREACHABLE):
            return unavailable_response(request, exception)
        return None


def unavailable_response(request, exception=None):
    """The 503 for a request whose database is unreachable, or None for any other error (the
    one being handled, when `exception` is not given)."""
    if exception is None:
        exception = sys.exc_info()[1]
    if not isinstance(exception, UNREACHABLE):
        return None
    logger.warning("The database is unreachable for %s (%s).", request.path, _kind(exception))
    if request.path_info.startswith(API_PREFIX):
        response = json_error(503)
    else:
        response = HttpResponse(loader.render_to_string("503.html", site(request)), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # A form page that failed after asking for its CSRF token shows no form now: no cookie.
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    return response

"""JSON and NDJSON responses of the API: conditional GET, open CORS, errors as JSON."""

import contextlib
import functools
import hashlib
import logging
import threading

import orjson
from django.conf import settings
from django.db import connections, router, transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.functional import Promise
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from resources.hsds.params import ApiError
from resources.models import Service

# Lines sent to the client in one write: a few hundred kilobytes, not one write a record.
NDJSON_LINES_PER_WRITE = 100
logger = logging.getLogger(__name__)
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


def _dumps(data):
    """Compact UTF-8 JSON bytes. orjson, as a full dump encodes 100,000 services: the standard
    library's encoder took a fifth of a dump's time (issue 11)."""
    return orjson.dumps(data, default=_plain)


def _plain(value):
    # Lazy translations (gettext_lazy) and the like: what they say.
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def json_response(request, data, *, last_modified=None):
    """A JSON 200 with an ETag of its body (and Last-Modified when known), or a 304."""
    body = _dumps(data)
    response = HttpResponse(body, content_type="application/json")
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:40])
    response["ETag"] = etag
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


def ndjson_response(request, records, serializer):
    """Every record of `records` as one JSON line, streamed as it is read: memory stays flat.

    A stream that fails midway (a database error, the worker stopped) is not ended cleanly: the
    error goes on to the server, which closes the connection without the last chunk of the
    chunked body, so the client's HTTP library reports an incomplete body (README: Open data).
    A process streams at most NDJSON_DUMPS_AT_ONCE dumps; one more is a 503 to try again later.
    """
    if request.method == "HEAD":
        return StreamingHttpResponse((), content_type="application/x-ndjson")
    # A database that cannot be reached is a 503 now (supportdir.outages), not a 200 whose body
    # stops before its first line.
    connections[router.db_for_read(Service)].ensure_connection()
    slots = _dump_slots(settings.NDJSON_DUMPS_AT_ONCE)
    if not slots.acquire(blocking=False):
        response = error_response(_("Too many downloads are running; try again in a minute."), 503)
        response["Retry-After"] = "60"
        return response
    lines = _ndjson_lines(request.path, records, serializer)
    return StreamingHttpResponse(_Dump(lines, slots), content_type="application/x-ndjson")


@functools.cache
def _dump_slots(limit):
    return threading.BoundedSemaphore(limit)


class _Dump:
    """A dump's lines, holding one of the process's slots until the server closes the response
    (sent, failed or abandoned), so slow or endless dumps leave threads free for pages."""

    def __init__(self, lines, slots):
        self.lines = lines
        self.slots = slots
        self.open = True

    def __iter__(self):
        return self.lines

    def close(self):
        self.lines.close()
        if self.open:
            self.open = False
            self.slots.release()


def _ndjson_lines(path, records, serializer):
    # Headers go out at once (an empty write sends them): the client sees the 200 within the time
    # of the queries, not after the first batch of records.
    yield b""
    count = 0
    try:
        with _one_snapshot():
            lines = []
            for record in records:
                lines.append(_dumps(serializer(record)))
                if len(lines) == NDJSON_LINES_PER_WRITE:
                    yield b"\n".join(lines) + b"\n"
                    count += len(lines)
                    lines = []
            if lines:
                yield b"\n".join(lines) + b"\n"
                count += len(lines)
    except Exception:
        logger.exception("The NDJSON stream of %s stopped after %d records", path, count)
        raise


@contextlib.contextmanager
def _one_snapshot():
    """On PostgreSQL, a read-only transaction that sees one snapshot from the first query to the
    last, so a record changed during a long dump is seen whole; inside it the server-side cursor
    streams (outside one, Django declares it WITH HOLD, which reads the whole result first)."""
    # Where the dump's queries go: a replica, for a visitor, where the project has them
    # (supportdir.db_routers); a transaction on the primary would send every read there.
    using = router.db_for_read(Service)
    connection = connections[using]
    if connection.vendor != "postgresql":
        # SQLite takes its write lock with the transaction (transaction_mode IMMEDIATE): a dump
        # must not keep curators from saving.
        yield
        return
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def error_response(message, status):
    return HttpResponse(
        _dumps({"status": status, "message": str(message)}),
        content_type="application/json",
        status=status,
    )


def api_view(view):
    """GET and HEAD only, OPTIONS for CORS preflights, and every refusal as JSON.

    Exempt from CSRF checks, which would answer a POST with the site's HTML page before this
    could refuse it: the API changes nothing, whatever the method.
    """

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for header, value in PREFLIGHT_HEADERS.items():
                response[header] = value
        elif request.method not in ("GET", "HEAD"):
            response = error_response(_("This API only answers GET requests."), 405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            try:
                response = view(request, *args, **kwargs)
            except ApiError as error:
                response = error_response(error.message, error.status)
            except Http404:
                response = error_response(_("There is no such record."), 404)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response

    return wrapper

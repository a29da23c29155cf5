"""JSON and NDJSON responses of the API: conditional GET, open CORS, errors as JSON."""

import functools
import hashlib
import json

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date
from django.utils.translation import gettext as _

from resources.hsds.params import ApiError

NDJSON_CHUNK_SIZE = 500
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
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_response(request, data, *, last_modified=None):
    """A JSON 200 with an ETag of its body (and Last-Modified when known), or a 304."""
    body = _dumps(data).encode()
    response = HttpResponse(body, content_type="application/json")
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:40])
    response["ETag"] = etag
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)


def ndjson_response(queryset, serializer):
    """Every record of `queryset` as one JSON line each, streamed in chunks: memory stays flat."""

    def lines():
        for record in queryset.iterator(chunk_size=NDJSON_CHUNK_SIZE):
            yield _dumps(serializer(record)) + "\n"

    return StreamingHttpResponse(lines(), content_type="application/x-ndjson")


def error_response(message, status):
    return HttpResponse(
        _dumps({"status": status, "message": str(message)}),
        content_type="application/json",
        status=status,
    )


def api_view(view):
    """GET and HEAD only, OPTIONS for CORS preflights, and every refusal as JSON."""

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

"""Every answer under /api/ is JSON, errors included, whatever part of the stack refused.

The API's views answer their own errors (resources.api.responses.api_view); this middleware,
outermost but for the health checks, covers what refuses a request before or around them: an
over-long address (414, decided here), Django's 400 for a request it cannot read or a host it
does not serve, a method a plain view refuses, the 500 page, the 503 of a database that cannot be
reached (supportdir.outages). Each becomes {"status": ..., "message": ...} with the same status
and its Allow and Retry-After headers, and open CORS as the API's other answers.
"""

from django.utils.translation import gettext as _

from resources.api.responses import CORS_HEADERS, error_response

API_PREFIX = "/api/"
# The longest address (path and query, percent-encoded) the API reads. The longest search (500
# characters, up to twelve bytes each once encoded) and a handful of filters fit with room to
# spare. gunicorn.conf.py's limit_request_line (8,190 bytes, gunicorn's most) is above it, so
# up to that limit a client gets this JSON 414; a request line longer still is refused by
# gunicorn itself, with its own plain 414 page, before Django sees it.
MAX_URL_BYTES = 8000
KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control")


def _messages():
    return {
        400: _("This request could not be read."),
        403: _("This request is not allowed."),
        404: _("There is no such record."),
        405: _("This API only answers GET requests."),
        414: _("This address is too long: at most %(limit)d bytes, query included.")
        % {"limit": MAX_URL_BYTES},
        500: _("Something went wrong on our side. Please try again in a moment."),
        503: _("The directory is unavailable for a moment; try again shortly."),
    }


def json_error(status):
    """The API's JSON answer for `status`, in its own words."""
    messages = _messages()
    message = messages.get(status) or messages[500 if status >= 500 else 400]
    return error_response(message, status)


class ApiErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if len(request.get_full_path().encode()) > MAX_URL_BYTES:
            response = json_error(414)
        else:
            response = self.get_response(request)
            if response.status_code >= 400 and not _is_json(response):
                response = _as_json(response)
        for header, value in CORS_HEADERS.items():
            response.setdefault(header, value)
        return response


def _is_json(response):
    return response.get("Content-Type", "").startswith("application/json")


def _as_json(response):
    answer = json_error(response.status_code)
    for header in KEPT_HEADERS:
        if header in response:
            answer[header] = response[header]
    response.close()
    return answer

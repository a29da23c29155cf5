"""The HSDS API's query parameters, read strictly: a bad value is a 400 with a message, never a 500.

Unknown parameters are ignored, as the specification leaves room for profiles to add their own.
The filters of services are read by resources.search.filters.ApiServiceFilterSet, with these
parsers.
"""

import uuid
from datetime import UTC, datetime, time

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# Past any directory's last page, and within the 64 bits JSON numbers are encoded in.
MAX_PAGE = 1_000_000_000
MAX_SEARCH_LENGTH = 500
MAX_PROXIMITY_METRES = 500_000

TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no"}


class ApiError(Exception):
    """A request the API refuses, with the HTTP status and the message the client sees."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def parse_uuid(value, name):
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise ApiError(
            _("%(name)s must be an HSDS id (a UUID), not “%(value)s”.")
            % {"name": name, "value": value[:100]}
        ) from None


def parse_integer(value, name, low, high=None):
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < low or (high is not None and number > high):
        if high is None:
            message = _("%(name)s must be a whole number of at least %(low)s.")
        else:
            message = _("%(name)s must be a whole number from %(low)s to %(high)s.")
        raise ApiError(message % {"name": name, "low": low, "high": high})
    return number


def parse_boolean(value, name):
    lowered = value.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ApiError(_("%(name)s must be true or false.") % {"name": name})


def parse_moment(value, name):
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time.min) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise ApiError(
            _("%(name)s must be a date or date and time, e.g. 2026-01-31T12:00:00Z.")
            % {"name": name}
        )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        # PostgreSQL takes offsets of at most 15 hours: compare in UTC.
        return moment.astimezone(UTC)
    except OverflowError:
        raise ApiError(_("%(name)s is out of range.") % {"name": name}) from None


PARSERS = {
    "search": lambda value, name: value[:MAX_SEARCH_LENGTH],
    "page": lambda value, name: parse_integer(value, name, 1, MAX_PAGE),
    "per_page": lambda value, name: parse_integer(value, name, 1, MAX_PER_PAGE),
    "taxonomy_id": parse_uuid,
    "parent_id": parse_uuid,
    "full": parse_boolean,
    "full_service": parse_boolean,
    "minimal": parse_boolean,
    "top_only": parse_boolean,
    "format": lambda value, name: value,
}

DEFAULTS = {"page": 1, "per_page": DEFAULT_PER_PAGE, "format": "json"}


def read_params(query, allowed):
    """The parameters of `allowed` that `query` (a QueryDict) carries, parsed, with defaults."""
    params = {name: DEFAULTS[name] for name in allowed if name in DEFAULTS}
    for name in allowed:
        value = query.get(name)
        if value is None:
            continue
        if value == "" and name != "search":
            continue
        params[name] = PARSERS[name](value, name)
    if params.get("format", "json") not in ("json", "ndjson"):
        raise ApiError(_("format must be json or ndjson."))
    return params

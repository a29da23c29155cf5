"""The site with a fault, for tests through gunicorn: a service list fails at every 25th record
(the 25th of each request, for requests of fewer records).

NDJSON streams send ten lines a write here, so two writes have gone out when it fails.
"""

import os
from itertools import count

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdir.settings")
django.setup()

from resources.api import responses  # noqa: E402
from resources.hsds import serialize  # noqa: E402
from supportdir.wsgi import application  # noqa: E402

responses.NDJSON_LINES_PER_WRITE = 10
_records = count(1)
_service_brief = serialize.service_brief


def _failing_at_every_25th(service):
    if next(_records) % 25 == 0:
        raise RuntimeError("The database went away.")
    return _service_brief(service)


serialize.service_brief = _failing_at_every_25th

__all__ = ["application"]

"""The wall clock of the opening-hours tests: America/Chicago, where daylight saving time starts
on Sunday 8 March 2026 (02:00 becomes 03:00) and ends on Sunday 1 November 2026 (02:00 becomes
01:00 again). A module that imports `in_chicago` runs all its tests on that clock."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from resources import vocabulary
from resources.models import Schedule
from tests.factories import make_service

CHICAGO = ZoneInfo("America/Chicago")
WEEKLY = Schedule.Frequency.WEEKLY
MONTHLY = Schedule.Frequency.MONTHLY


@pytest.fixture(autouse=True)
def in_chicago(settings):
    settings.TIME_ZONE = "America/Chicago"


def local(*args):
    """A moment on the Chicago wall clock: local(2026, 11, 25, 10, 0)."""
    return datetime(*args, tzinfo=CHICAGO)


def make_group(**overrides):
    return make_service(terms=[(vocabulary.RESOURCE, "support-group")], **overrides)

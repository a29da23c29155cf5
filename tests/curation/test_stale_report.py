"""`manage.py stale_report`: the overdue services, for a weekly email by cron."""

from datetime import timedelta

import pytest
from django.utils import timezone

from resources.models import Service
from tests.factories import make_service
from tests.helpers import command_output

pytestmark = pytest.mark.django_db


def stale_report(*args):
    return command_output("stale_report", *args)


def test_it_lists_overdue_services_never_verified_first(curator):
    long_ago = timezone.localdate() - timedelta(days=400)
    make_service(name="Long ago", assured_date=long_ago, assured_by=curator)
    never = make_service(name="Never checked")
    make_service(name="Fresh", assured_date=timezone.localdate())
    make_service(name="Withdrawn", status=Service.Status.INACTIVE)

    output = stale_report()

    assert output.startswith("2 services not verified since")
    assert output.index("Never checked") < output.index("Long ago")
    assert "- Never checked [Published]: never verified" in output
    assert f"- Long ago [Published]: last verified {long_ago.isoformat()} by curator" in output
    assert f"/admin/resources/service/{never.pk}/change/" in output
    assert "Fresh" not in output
    assert "Withdrawn" not in output


def test_links_can_carry_the_sites_address():
    service = make_service()

    output = stale_report("--base-url", "https://help.example.org/")

    assert f"https://help.example.org/admin/resources/service/{service.pk}/change/" in output


def test_it_says_so_when_nothing_is_overdue(settings):
    settings.VERIFICATION_OVERDUE_DAYS = 30
    make_service(assured_date=timezone.localdate() - timedelta(days=10))

    assert stale_report().startswith("No service is overdue for verification")

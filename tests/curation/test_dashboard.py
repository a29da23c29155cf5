"""The admin's home page: overdue verification first, then what waits for a curator."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resources.models import Service
from tests.curation.conftest import make_report, make_suggestion
from tests.factories import make_service

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def test_overdue_services_come_first_then_the_counts(curator_client):
    make_service(name="Never checked", assured_date=None)
    make_service(name="Long ago", assured_date=timezone.localdate() - timedelta(days=400))
    make_service(name="Fresh", assured_date=timezone.localdate())
    make_service(name="Withdrawn", status=Service.Status.INACTIVE)
    make_service(name="A draft", status=Service.Status.DRAFT, assured_date=timezone.localdate())
    make_suggestion()
    make_suggestion(name="Another")
    make_report(make_service(name="Reported", assured_date=timezone.localdate()))

    content = curator_client.get(INDEX).content.decode()

    overdue = content.index("Verification overdue")
    assert overdue < content.index("Never checked") < content.index("Long ago")
    assert overdue < content.index("Waiting")
    assert "Fresh" not in content
    assert "Withdrawn" not in content
    assert "2 services have not been checked" in content
    assert '<span class="dashboard-count">1</span> draft services' in content
    assert '<span class="dashboard-count">2</span> new suggestions' in content
    assert '<span class="dashboard-count">1</span> new problem reports' in content
    assert "admin_extra/admin.css" in content
    assert "style=" not in content
    assert "<script>" not in content


def test_an_editor_sees_the_dashboard_too(editor_client):
    make_service(name="Never checked")

    content = editor_client.get(INDEX).content.decode()

    assert "Never checked" in content


def test_staff_without_a_role_sees_no_dashboard(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("x", password="x", is_staff=True))
    make_service(name="Never checked")

    content = client.get(INDEX).content.decode()

    assert "Never checked" not in content
    assert "What needs a curator" not in content

"""What the services' admin pages show curators: the real public address, the last verification."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import make_service

pytestmark = pytest.mark.django_db


def test_the_web_address_help_shows_the_real_public_address(curator_client):
    service = make_service(slug="willow-circle")
    page = curator_client.get(
        reverse("admin:resources_service_change", args=[service.pk])
    ).content.decode()
    assert "The public page's address: http://testserver/services/willow-circle/." in page
    assert "/services//" not in page


def test_a_new_service_shows_where_its_address_will_be(curator_client):
    page = curator_client.get(reverse("admin:resources_service_add")).content.decode()
    assert "once published: http://testserver/services/web-address-name/." in page
    assert "/services//" not in page


def test_the_services_list_shows_the_last_verified_date_and_sorts_by_it(curator_client):
    make_service(name="Checked long ago", assured_date=datetime.date(2020, 1, 2))
    make_service(name="Checked lately", assured_date=datetime.date(2026, 11, 2))
    changelist = reverse("admin:resources_service_changelist")
    page = curator_client.get(changelist).content.decode()
    assert "column-last_verified" in page
    assert "Jan. 2, 2020" in page
    assert "admin_extra/admin.css" in page

    heading = page.split('class="sortable column-last_verified')[1]
    sort_link = heading.split('href="')[1].split('"')[0]
    ordered = curator_client.get(changelist + sort_link.replace("&amp;", "&")).content.decode()
    assert ordered.index("Checked long ago") < ordered.index("Checked lately")


def test_a_read_only_service_page_shows_the_address_too(client):
    reader = get_user_model().objects.create_user("reader", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_service"))
    client.force_login(reader)
    service = make_service(slug="willow-circle")
    page = client.get(reverse("admin:resources_service_change", args=[service.pk])).content.decode()
    assert "willow-circle" in page
    assert "The public page's address: /services/willow-circle/." in page
    assert "/services//" not in page

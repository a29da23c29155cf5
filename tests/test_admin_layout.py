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


def _sections(page):
    return [(str(fieldset.name), fieldset.fields) for fieldset in page.context["adminform"]]


def _flat(fields):
    return [name for field in fields for name in (field if isinstance(field, tuple) else [field])]


def test_the_service_form_is_in_sections_with_verification_first(curator_client):
    service = make_service()
    page = curator_client.get(reverse("admin:resources_service_change", args=[service.pk]))
    sections = _sections(page)
    assert [name for name, _fields in sections][:6] == [
        "Verification",
        "What it is",
        "Who it is for and how to get it",
        "Contact",
        "Kinds of support",
        "Topics, audiences and other facets",
    ]
    assert "verified_today" in _flat(sections[0][1])
    assert _flat(sections[4][1]) == ["facet_support"]
    assert "facet_topic" in _flat(sections[5][1])
    fieldsets = {str(f.name): f for f in page.context["adminform"]}
    assert "collapse" in fieldsets["Topics, audiences and other facets"].classes
    assert "collapse" not in fieldsets["Verification"].classes
    content = page.content.decode()
    assert 'src="/static/js/unsaved-changes.js"' in content
    assert "<script>" not in content


def test_an_editor_sees_the_verification_date_but_not_the_box(client):
    from tests.curation.conftest import make_curator

    client.force_login(make_curator("Editors", "edith"))
    service = make_service()
    page = client.get(reverse("admin:resources_service_change", args=[service.pk]))
    sections = dict(_sections(page))
    assert "verified_today" not in _flat(sections["Verification"])
    assert "last_verified" in _flat(sections["Verification"])
    assert "verified_today" not in page.context["adminform"].form.fields


def test_a_read_only_service_page_keeps_its_sections_without_empty_ones(client):
    reader = get_user_model().objects.create_user("reader", password="x", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_service"))
    client.force_login(reader)
    service = make_service()
    page = client.get(reverse("admin:resources_service_change", args=[service.pk]))
    sections = dict(_sections(page))
    # Every term, of every facet, in the open section; the folded one has nothing left.
    assert _flat(sections["Kinds of support"]) == ["terms_by_facet"]
    assert "Topics, audiences and other facets" not in sections
    assert all(fields for fields in sections.values())

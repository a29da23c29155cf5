"""The admin home's picture of the directory: totals by status, and two charts drawn as SVG."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from resources import vocabulary
from resources.admin import home
from resources.models import ProposedChange, Service
from tests.factories import make_service

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")
SERVICES = reverse("admin:resources_service_changelist")


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def small_directory(settings):
    settings.VERIFICATION_OVERDUE_DAYS = 365
    support = vocabulary.SUPPORT
    make_service(terms=[(support, "emotional"), (support, "practical")], assured_date=days_ago(10))
    make_service(terms=[(support, "emotional")], assured_date=days_ago(182))
    make_service(terms=[(support, "emotional")], assured_date=days_ago(183))
    make_service(terms=[(support, "advocacy")], assured_date=days_ago(365))
    make_service(terms=[(support, "advocacy")], assured_date=days_ago(366))
    make_service(assured_date=None)
    # Not published: in the totals, never in the charts.
    make_service(
        terms=[(support, "emotional")], status=Service.Status.DRAFT, assured_date=days_ago(1)
    )
    make_service(terms=[(support, "coping")], status=Service.Status.DRAFT)
    make_service(terms=[(support, "coping")], status=Service.Status.INACTIVE)
    make_service(status=Service.Status.TEMPORARILY_CLOSED)
    make_service(status=Service.Status.DEFUNCT, assured_date=None)


def figures(figures_):
    return {figure.label: figure.count for figure in figures_}


def test_the_totals_count_each_status_and_link_to_its_list(
    small_directory, curator, curator_client
):
    an_editors_change = ProposedChange.objects.create(
        service=Service.objects.published().first(), proposed_by=curator, base_version=1
    )

    totals = home.totals(curator)

    assert [(str(figure.label), figure.count) for figure in totals] == [
        ("published", 6),
        ("drafts", 2),
        ("inactive", 1),
        ("temporarily closed", 1),
        ("defunct (closed for good)", 1),
        ("proposed changes", 1),
    ]
    assert totals[1].url == f"{SERVICES}?status__exact=draft"
    waiting = curator_client.get(totals[-1].url)
    assert list(waiting.context["cl"].result_list) == [an_editors_change]


def test_kinds_of_support_count_published_services_in_the_vocabulary_order(small_directory):
    kinds = home.kinds_of_support()

    assert figures(kinds) == {
        "Emotional support": 3,
        "Practical help": 1,
        "Information and advice": 0,
        "Social connection": 0,
        "Validation and feedback": 0,
        "Coping strategies": 0,
        "Advocacy and empowerment": 2,
    }
    assert kinds[0].url == f"{SERVICES}?status__exact=published&support=emotional"


def test_verification_ages_follow_the_services_list_filter(small_directory, curator_client):
    ages = home.verification_ages()

    assert figures(ages) == {
        "Within 6 months": 2,
        "6 to 12 months ago": 2,
        "Over 12 months ago": 1,
        "Never verified": 1,
    }
    # Each bar's link lists exactly the services it counts.
    for figure in ages:
        changelist = curator_client.get(figure.url)
        assert changelist.status_code == 200
        assert changelist.context["cl"].result_count == figure.count, figure.label


def test_the_home_page_shows_the_totals_and_both_charts(small_directory, curator_client):
    content = curator_client.get(INDEX).content.decode()

    assert "The directory in numbers" in content
    assert (
        f'<a href="{SERVICES}?status__exact=published"><span class="dashboard-count">6</span>'
        " published</a>" in content
    )
    charts = re.findall(r'<svg xmlns[^>]* role="img".*?</svg>', content, re.DOTALL)
    assert len(charts) == 2
    for chart in charts:
        assert "<title id=" in chart
        assert "<desc id=" in chart
        assert "viewBox=" in chart
        assert "style" not in chart
        assert "script" not in chart
    assert "Emotional support: 3;" in charts[0]
    assert "Never verified: 1" in charts[1]
    # The same numbers as text, with the same links, for screen readers and text browsers.
    assert (
        f'<th scope="row"><a href="{SERVICES}?status__exact=published&amp;verified=never">'
        "Never verified</a></th><td>1</td>" in content
    )
    assert "style=" not in content
    assert "<script>" not in content


def test_an_editor_sees_the_picture(small_directory, editor_client):
    content = editor_client.get(INDEX).content.decode()

    assert "The directory in numbers" in content
    assert "Published services by kind of support" in content


def test_staff_who_may_not_view_services_see_no_picture(small_directory, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("x", password="x", is_staff=True))

    content = client.get(INDEX).content.decode()

    assert "The directory in numbers" not in content
    assert 'role="img"' not in content


def admin_home_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_directory(curator_client):
    support = vocabulary.SUPPORT
    make_service(terms=[(support, "emotional")], assured_date=days_ago(10))
    few = admin_home_queries(curator_client)

    for code, _label, _description in vocabulary.FACETS[support]["terms"]:
        for age in [None, 10, 200, 400]:
            make_service(terms=[(support, code)], assured_date=age and days_ago(age))
            make_service(terms=[(support, code)], status=Service.Status.DRAFT)

    assert admin_home_queries(curator_client) == few


def test_each_part_is_one_aggregate_query(small_directory, curator, django_assert_num_queries):
    # The services by status, and the proposed changes waiting.
    with django_assert_num_queries(2):
        home.totals(curator)
    # The terms, and every term's count, which the search pages' cache then keeps.
    with django_assert_num_queries(2):
        home.kinds_of_support()
    with django_assert_num_queries(1):
        home.kinds_of_support()
    with django_assert_num_queries(1):
        home.verification_ages()

import pytest
from django.test import RequestFactory

from resources.public.views import server_error


def test_the_server_error_page_keeps_the_crisis_line_without_touching_the_database():
    # No django_db mark: pytest-django makes any query here fail the test.
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert 'href="tel:988"' in page


@pytest.mark.django_db
def test_an_unknown_page_is_a_404_that_sets_no_cookie(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert response.cookies == {}


@pytest.mark.django_db
def test_a_query_string_with_thousands_of_fields_gets_a_calm_400_page(client):
    response = client.get("/search/?" + "&".join(f"topic=t{number}" for number in range(2000)))
    assert response.status_code == 400
    page = response.content.decode()
    assert "That address could not be read" in page
    assert 'href="tel:988"' in page

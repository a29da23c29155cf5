from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import Phone, Service
from tests.factories import (
    make_language,
    make_location,
    make_phone,
    make_schedule,
    make_service,
    make_service_at_location,
)

pytestmark = pytest.mark.django_db


def detail_url(service):
    return reverse("resources:service_detail", kwargs={"slug": service.slug})


def test_a_published_service_shows_what_a_visitor_needs(client):
    service = make_service(
        name="Tuesday Night Peer Group",
        description="A friendly group for anyone living with depression.",
        eligibility_description="Adults living with depression.",
        application_process="Just turn up; no referral needed.",
        fees_description="Donations welcome.",
        minimum_age=18,
        terms=[("supportdir:support", "emotional"), ("supportdir:cost", "free")],
    )
    response = client.get(detail_url(service))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h1 id="service-name">Tuesday Night Peer Group</h1>' in page
    for text in [
        "A friendly group for anyone living with depression.",
        "Adults living with depression.",
        "Just turn up; no referral needed.",
        "<dd>Free</dd>",
        "<dd>Donations welcome.</dd>",
        "Ages 18 and over",
        "Emotional support",
        "Not yet verified by our curators.",
    ]:
        assert text in page


def test_phones_are_links_that_call_or_text(client):
    service = make_service()
    make_phone(service=service, number="1-800-662-4357", type=Phone.Type.VOICE)
    make_phone(service=service, number="741741", type=Phone.Type.SMS, description="Text HOME")
    make_phone(service=service, number="608-555-0199", type=Phone.Type.FAX)
    page = client.get(detail_url(service)).content.decode()
    assert 'href="tel:18006624357"' in page
    assert 'href="sms:741741"' in page
    assert "Text HOME" in page
    assert "tel:6085550199" not in page, "a fax number is not a link to call"


def test_the_first_number_to_call_and_to_text_are_buttons_before_the_description(client):
    service = make_service(description="Someone listens, day and night.")
    make_phone(service=service, number="608-555-0199", type=Phone.Type.FAX, position=0)
    make_phone(service=service, number="988", type=Phone.Type.VOICE, position=1)
    make_phone(service=service, number="741741", type=Phone.Type.SMS, position=2)
    make_phone(service=service, number="711", type=Phone.Type.TTY, position=3)
    make_phone(service=service, number="608-555-0100", type=Phone.Type.VOICE, position=4)
    page = client.get(detail_url(service)).content.decode()

    buttons = page[page.index('aria-label="Call or text"') : page.index('id="what-heading"')]
    assert '<a class="button" href="tel:988">Call 988</a>' in buttons
    assert '<a class="button" href="sms:741741">Text 741741</a>' in buttons
    assert "711" not in buttons
    assert "608-555" not in buttons


def test_a_service_without_a_number_to_call_or_text_has_no_buttons(client):
    service = make_service()
    make_phone(service=service, number="608-555-0199", type=Phone.Type.FAX)

    assert "Call or text" not in client.get(detail_url(service)).content.decode()


def test_hours_and_meetings_are_in_plain_words(client):
    service = make_service()
    make_schedule(service=service, byday="MO,TU,WE,TH,FR", opens_at=time(9), closes_at=time(17))
    make_schedule(
        service=service, freq="MONTHLY", byday="2TU", opens_at=time(19), closes_at=time(20, 30)
    )
    page = client.get(detail_url(service)).content.decode()
    assert "Monday to Friday, 9 a.m. to 5 p.m." in page
    assert "The second Tuesday of every month, 7 p.m. to 8:30 p.m." in page
    assert "2TU" not in page


def test_addresses_languages_and_location_hours_are_shown(client):
    service = make_service()
    location = make_location(
        name="Community Room", address_1="12 Willow Street", city="Madison",
        state_province="WI", postal_code="53703", accessibility="Step-free entrance.",
    )  # fmt: skip
    make_service_at_location(service=service, location=location)
    make_schedule(
        service=None, location=location, byday="SA", opens_at=time(10), closes_at=time(12)
    )
    make_language(service=service, code="es")
    page = client.get(detail_url(service)).content.decode()
    assert "12 Willow Street<br>Madison, WI 53703" in page
    assert "Step-free entrance." in page
    assert "Every Saturday, 10 a.m. to noon" in page
    assert "Spanish" in page


def test_the_last_verified_date_is_shown(client):
    service = make_service(assured_date=date(2026, 3, 4))
    assert (
        "Last verified by our curators on 4 March 2026."
        in client.get(detail_url(service)).content.decode()
    )


def test_a_sample_entry_says_it_is_sample_data(client):
    sample = make_service(is_sample=True)
    real = make_service(is_sample=False)
    assert "Sample entry." in client.get(detail_url(sample)).content.decode()
    assert "Sample entry." not in client.get(detail_url(real)).content.decode()


@pytest.mark.parametrize("status", [Service.Status.DRAFT, Service.Status.INACTIVE])
def test_a_service_that_is_not_published_is_not_found(client, status):
    service = make_service(status=status)
    response = client.get(detail_url(service))
    assert response.status_code == 404
    assert service.name not in response.content.decode()


def test_a_draft_is_not_public_even_to_a_signed_in_curator(curator_client):
    service = make_service(status=Service.Status.DRAFT)
    assert curator_client.get(detail_url(service)).status_code == 404


def test_an_unknown_slug_is_a_friendly_404_with_the_crisis_line(client):
    response = client.get("/services/no-such-service/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert 'href="tel:988"' in response.content.decode()


def test_the_detail_page_takes_the_same_number_of_queries_however_much_it_shows(client):
    def queries_for(related_rows):
        terms = [("supportdir:support", "emotional"), ("supportdir:topic", "grief")]
        service = make_service(terms=terms)
        for _ in range(related_rows):
            make_phone(service=service)
            make_schedule(service=service)
            make_service_at_location(service=service)
            # Similar services with places too, so their cards' location schedules are fetched
            # in both runs: prefetch_related skips the query when no card has a place.
            make_service_at_location(service=make_service(terms=terms))
        with CaptureQueriesContext(connection) as context:
            client.get(detail_url(service))
        return len(context)

    assert queries_for(1) == queries_for(4)


def test_the_detail_page_only_answers_get_and_head(client):
    service = make_service()
    assert client.post(detail_url(service)).status_code == 405


def test_a_service_with_nothing_listed_under_a_heading_says_so(client):
    service = make_service(url="", email="")
    page = client.get(detail_url(service)).content.decode()
    assert "No phone number, website or email is listed for this service." in page
    assert "Nothing is listed yet about who it is for or what it costs" in page
    assert '<ul class="contact-list">' not in page
    assert '<dl class="facts">' not in page


def test_what_is_listed_replaces_the_nothing_listed_sentences(client):
    service = make_service(
        email="help@example.org", eligibility_description="Adults in Dane County"
    )
    page = client.get(detail_url(service)).content.decode()
    assert "help@example.org" in page
    assert "Adults in Dane County" in page
    assert "No phone number, website or email is listed" not in page
    assert "Nothing is listed yet about who it is for" not in page


def test_a_phone_alone_is_enough_to_reach_them(client):
    service = make_service(url="", email="")
    make_phone(service=service, number="608-555-0100")
    page = client.get(detail_url(service)).content.decode()
    assert "608-555-0100" in page
    assert "No phone number, website or email is listed" not in page

import re

import pytest
from django.db import transaction

from resources import vocabulary
from resources.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    TaxonomyTerm,
)
from resources.sample_data.generator.words import made_up_words
from resources.search import search
from tests.test_generate_directory import PLACES, add_places, generate

# One worker runs the whole module, so that `directory` is made once, not once a worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

SIZE = 300
REMOTE = ["phone", "online", "text-chat"]


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """One generated directory for the module's read-only tests, made once and rolled back at
    the end, so other modules start from an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        add_places()
        generate(SIZE)
        yield
        transaction.set_rollback(True)


def test_it_makes_as_many_services_as_asked_for_with_their_organisations(directory):
    assert Service.objects.count() == SIZE
    organizations = Organization.objects.count()
    assert SIZE / 8 <= organizations < SIZE / 1.5
    running = [org.services.count() for org in Organization.objects.all()]
    assert max(running) >= 4
    assert running.count(1) > len(running) / 3


def test_most_services_to_visit_have_an_address_in_the_places_loaded(directory):
    in_person = Service.objects.with_terms_of(vocabulary.DELIVERY, ["in-person"])
    with_a_place = in_person.filter(service_at_locations__isnull=False).distinct()
    assert with_a_place.count() >= 0.8 * in_person.count() > 0
    assert set(Location.objects.values_list("postal_code", flat=True)) <= {
        postcode for postcode, *_ in PLACES
    }
    assert (
        Location.objects.filter(city="Madison").count()
        > Location.objects.filter(city="Deerfield").count()
    )
    for location in Location.objects.all():
        assert location.address_1
        assert location.latitude is not None


def test_each_service_has_five_to_eight_terms_of_our_facets(directory):
    for service in Service.objects.prefetch_related("terms__taxonomy"):
        terms = list(service.terms.all())
        assert 5 <= len(terms) <= 8
        assert {term.taxonomy.name for term in terms} <= set(vocabulary.FACETS)
        assert service.kinds_of_support
        assert service.topics
    used = sorted(
        (term.services.count() for term in TaxonomyTerm.objects.of(vocabulary.TOPIC)),
        reverse=True,
    )
    # A real skew: the commonest topic on many services, the rarest on few.
    assert used[0] > 5 * max(used[-1], 1)


def test_most_services_have_hours_or_meetings_weekly_and_monthly(directory):
    with_hours = Service.objects.filter(schedules__isnull=False).distinct().count()
    assert with_hours >= 0.8 * SIZE
    monthly = Schedule.objects.filter(freq=Schedule.Frequency.MONTHLY)
    assert monthly.exists()
    assert all(re.fullmatch(r"-?[1-4](MO|TU|WE|TH|FR|SA|SU)", s.byday) for s in monthly)
    assert Schedule.objects.filter(freq=Schedule.Frequency.WEEKLY, interval=2).exists()
    for schedule in Schedule.objects.all():
        schedule.full_clean()


def test_services_have_phones_and_some_speak_spanish_or_another_language(directory):
    assert Service.objects.filter(phones__isnull=False).distinct().count() == SIZE
    assert Phone.objects.filter(type=Phone.Type.SMS).exists()
    assert Language.objects.filter(code="es").count() >= SIZE // 20
    assert Language.objects.exclude(code__in=["en", "es"]).exists()
    assert Service.objects.filter(description__contains=" para ").exists()


def test_about_one_in_ten_services_has_its_text_in_spanish_too(directory):
    in_spanish = Service.objects.exclude(description_es="")
    assert SIZE * 0.05 <= in_spanish.count() <= SIZE * 0.2
    for service in in_spanish.prefetch_related("languages"):
        assert "es" in {language.code for language in service.languages.all()}
        assert service.eligibility_description_es.startswith("Para ")
        assert service.application_process_es
    # Names are shown as they are: an organisation's own.
    assert not Service.objects.exclude(name_es="").exists()


def test_phone_and_online_services_reach_a_state_county_or_the_nation(directory):
    remote = Service.objects.with_terms_of(vocabulary.DELIVERY, REMOTE)
    with_area = remote.filter(service_areas__isnull=False).distinct()
    assert with_area.count() >= 0.8 * remote.count() > 0
    names = set(ServiceArea.objects.values_list("name", flat=True))
    assert {"United States", "Wisconsin", "Dane County"} == names


def test_a_few_services_are_not_published(directory):
    unpublished = Service.objects.exclude(status=Service.Status.PUBLISHED).count()
    assert 0 < unpublished <= SIZE * 0.05


def test_generated_entries_are_labelled_as_sample_data(directory):
    assert not Service.objects.filter(is_sample=False).exists()
    assert not Organization.objects.filter(is_sample=False).exists()


def test_visitors_find_generated_services_by_the_domains_words_and_made_up_ones(directory):
    published = Service.objects.published()
    assert search(published, "anxiety").matching.exists()
    assert search(published, "support group").matching.exists()
    common, rare = made_up_words()[0], made_up_words()[3000]
    assert search(published, common).matching.count() > search(published, rare).matching.count()


def test_the_search_page_lists_generated_services(directory, client):
    word = made_up_words()[0]
    page = client.get("/search/", {"q": word})
    assert page.status_code == 200
    service = search(Service.objects.published(), word).services.first()
    assert service.name in page.content.decode()


def test_generated_services_pages_show_their_hours_places_and_phones(directory, client):
    monthly = Service.objects.published().filter(schedules__freq=Schedule.Frequency.MONTHLY)
    visited = Service.objects.published().filter(service_at_locations__isnull=False)
    for service in [*monthly[:5], *visited[:5]]:
        page = client.get(service.get_absolute_url())
        assert page.status_code == 200
        html = page.content.decode()
        assert service.phones.first().number in html
        for location in service.locations:
            assert location.address_1 in html

"""Changes reviewed before they go live: an Editor's save of a published service waits for a
Publisher, who reads what it changes and publishes it or sends it back; drafts marked ready."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from resources.curation import review
from resources.models import Phone, ProposedChange, Service
from tests.conftest import assert_saved, service_form_data
from tests.curation.conftest import make_curator
from tests.factories import get_support, make_phone, make_service

pytestmark = pytest.mark.django_db


def change_url(service):
    return reverse("admin:resources_service_change", args=[service.pk])


def review_url(service):
    return reverse("admin:resources_service_review", args=[service.pk])


def preview_url(service):
    return reverse("admin:resources_service_preview", args=[service.pk])


def public_page(service):
    return Client().get(service.get_absolute_url())


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    # A client of their own each: the shared `client` would be signed in as the last of them.
    return client_for(editor)


@pytest.fixture
def publisher_client(publisher):
    return client_for(publisher)


@pytest.fixture
def service():
    return make_service(
        name="Lakeshore Warmline",
        slug="lakeshore-warmline",
        description="Peer-run line, evenings.",
        terms=[get_support("emotional")],
    )


def propose(editor_client, service, **changes):
    response = editor_client.post(change_url(service), service_form_data(service, **changes))
    assert_saved(response)
    return ProposedChange.objects.pending().get(service=service)


def test_an_editors_save_of_a_published_service_waits_and_the_public_page_is_unchanged(
    editor_client, service
):
    response = editor_client.post(
        change_url(service),
        service_form_data(service, description="Peer-run line, every day."),
        follow=True,
    )

    assert "waits for a publisher&#x27;s review" in response.content.decode()
    service.refresh_from_db()
    assert service.description == "Peer-run line, evenings."
    assert "every day" not in public_page(service).content.decode()
    proposal = ProposedChange.objects.waiting().changes().get()
    assert (proposal.service, proposal.proposed_by.username) == (service, "edith")
    assert proposal.base_version == service.version
    assert "csrfmiddlewaretoken" not in proposal.data


def test_the_proposal_is_listed_for_publishers(publisher_client, editor_client, service):
    propose(editor_client, service, description="Peer-run line, every day.")

    content = publisher_client.get(
        reverse("admin:resources_proposedchange_changelist") + "?waiting=changes"
    ).content.decode()

    assert "Lakeshore Warmline" in content
    assert review_url(service) in content


def test_a_form_with_mistakes_comes_back_to_the_editor_and_nothing_waits(editor_client, service):
    response = editor_client.post(change_url(service), service_form_data(service, name=""))

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not ProposedChange.objects.exists()


def test_the_review_shows_fields_rows_and_terms_old_and_new(
    editor_client, publisher_client, service
):
    phone = make_phone(service=service, number="608-555-0100")
    service.refresh_from_db()
    propose(
        editor_client,
        service,
        description="Peer-run line, every day.",
        facet_support=[get_support("coping").pk],
        **{
            "phones-TOTAL_FORMS": 2,
            "phones-INITIAL_FORMS": 1,
            "phones-0-id": phone.pk,
            "phones-0-service": service.pk,
            "phones-0-number": "608-555-0199",
            "phones-0-type": "voice",
            "phones-0-position": 0,
            "phones-1-number": "608-555-0177",
            "phones-1-type": "sms",
            "phones-1-position": 1,
        },
    )

    content = publisher_client.get(review_url(service)).content.decode()

    assert "Peer-run line, evenings." in content
    assert "Peer-run line, every day." in content
    assert "Added:" in content and "608-555-0177" in content
    assert "Changed:" in content and "608-555-0100" in content and "608-555-0199" in content
    assert "Emotional support" in content.split("Removed</dt>")[1].split("</dd>")[0]
    assert "Coping" in content.split("Added</dt>")[1].split("</dd>")[0]
    assert 'name="_publish"' in content
    assert preview_url(service) in content
    # Reading the review saved nothing.
    assert list(service.phones.values_list("number", flat=True)) == ["608-555-0100"]
    assert Service.objects.get(pk=service.pk).version == service.version


def test_publishing_applies_the_change_and_history_names_both(
    editor, publisher, editor_client, publisher_client, service
):
    proposal = propose(
        editor_client,
        service,
        description="Peer-run line, every day.",
        **{
            "phones-TOTAL_FORMS": 1,
            "phones-0-number": "608-555-0177",
            "phones-0-type": "voice",
            "phones-0-position": 0,
        },
    )

    response = publisher_client.post(review_url(service), {"_publish": "Publish"}, follow=True)

    assert "was published as proposed" in response.content.decode()
    service.refresh_from_db()
    assert service.description == "Peer-run line, every day."
    assert service.status == Service.Status.PUBLISHED
    assert list(service.phones.values_list("number", flat=True)) == ["608-555-0177"]
    assert "every day" in public_page(service).content.decode()
    latest = service.history.latest()
    assert latest.history_user == publisher
    assert latest.history_change_reason == "Proposed by edith, published by paul"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (ProposedChange.Status.PUBLISHED, publisher)
    assert not ProposedChange.objects.waiting().exists()


def test_sending_back_needs_a_note_and_the_editor_sees_it(editor_client, publisher_client, service):
    propose(editor_client, service, description="Peer-run line, every day.")

    refused = publisher_client.post(
        review_url(service), {"_send_back": "1", "note": " "}, follow=True
    )
    assert "Write a note for the editor" in refused.content.decode()
    assert ProposedChange.objects.waiting().exists()

    publisher_client.post(
        review_url(service), {"_send_back": "1", "note": "Please check the hours first."}
    )

    proposal = ProposedChange.objects.get()
    assert proposal.status == ProposedChange.Status.SENT_BACK
    content = editor_client.get(change_url(service)).content.decode()
    assert "Sent back to you" in content
    assert "Please check the hours first." in content
    service.refresh_from_db()
    assert service.description == "Peer-run line, evenings."


def test_a_proposal_made_before_another_save_is_stale_and_cannot_be_published(
    editor_client, publisher_client, service
):
    propose(editor_client, service, description="Peer-run line, every day.")
    current = Service.objects.get(pk=service.pk)
    assert_saved(
        publisher_client.post(
            change_url(current), service_form_data(current, name="Lakeshore Line")
        )
    )

    page = publisher_client.get(review_url(service)).content.decode()
    assert "changed by paul after this change was proposed" in page
    assert 'name="_publish"' not in page

    response = publisher_client.post(review_url(service), {"_publish": "Publish"}, follow=True)

    assert "changed by paul after this change was proposed" in response.content.decode()
    service.refresh_from_db()
    assert (service.name, service.description) == ("Lakeshore Line", "Peer-run line, evenings.")
    assert ProposedChange.objects.waiting().exists()


def test_one_change_waits_per_service(editor, editor_client, service):
    propose(editor_client, service, description="First try.")
    again = propose(editor_client, service, description="Second try.")
    assert again.data["description"] == ["Second try."]
    assert ProposedChange.objects.count() == 1

    other = client_for(make_curator("Editors", "olga"))
    response = other.post(
        change_url(service), service_form_data(service, name="Olga's name"), follow=True
    )

    assert "Edith&#x27;s change to this service" in response.content.decode()
    assert ProposedChange.objects.get().data["description"] == ["Second try."]
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposedChange.objects.create(service=service, proposed_by=editor, base_version=1)


def test_an_editor_cannot_publish_a_proposal(editor_client, service):
    propose(editor_client, service, description="Peer-run line, every day.")

    assert editor_client.post(review_url(service), {"_publish": "Publish"}).status_code == 403
    assert 'name="_publish"' not in editor_client.get(review_url(service)).content.decode()


def test_a_publishers_own_save_goes_live_at_once(publisher_client, service):
    assert_saved(
        publisher_client.post(change_url(service), service_form_data(service, name="Renamed"))
    )

    service.refresh_from_db()
    assert service.name == "Renamed"
    assert not ProposedChange.objects.exists()


def test_a_proposal_that_no_longer_saves_is_shown_not_a_500(
    editor_client, publisher_client, service
):
    proposal = propose(editor_client, service, description="Peer-run line, every day.")
    ProposedChange.objects.filter(pk=proposal.pk).update(data={"name": "not a list"})

    page = publisher_client.get(review_url(service))
    assert page.status_code == 200
    assert "not a form&#x27;s data" in page.content.decode()

    ProposedChange.objects.filter(pk=proposal.pk).update(data={**proposal.data, "slug": ["x y"]})
    response = publisher_client.post(review_url(service), {"_publish": "Publish"}, follow=True)
    assert response.status_code == 200
    assert "cannot be published as it is" in response.content.decode()
    assert Service.objects.get(pk=service.pk).slug == "lakeshore-warmline"


# The preview.


def test_the_preview_is_not_there_for_visitors(client, django_user_model, editor_client, service):
    propose(editor_client, service, description="Peer-run line, every day.")

    assert client.get(preview_url(service)).status_code == 404
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    assert client.get(preview_url(service)).status_code == 404


def test_staff_preview_a_proposed_change_as_visitors_will_see_it(
    editor_client, publisher_client, service, refreshes
):
    propose(editor_client, service, description="Peer-run line, every day.")
    version = Service.objects.get(pk=service.pk).version

    response = publisher_client.get(preview_url(service))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Preview — not public." in content
    assert "Peer-run line, every day." in content
    assert "<h1" in content and "Lakeshore Warmline" in content
    assert "no-store" in response["Cache-Control"]
    # Nothing of the preview stays: not the row, its history or the search index's refresh.
    assert Service.objects.get(pk=service.pk).version == version
    assert "every day" not in public_page(service).content.decode()
    assert refreshes == []


def test_a_draft_is_previewed_but_its_public_page_stays_a_404(editor_client):
    draft = make_service(name="Night Owls", slug="night-owls", status=Service.Status.DRAFT)

    assert public_page(draft).status_code == 404
    response = editor_client.get(preview_url(draft))
    assert response.status_code == 200
    assert "Night Owls" in response.content.decode()
    assert preview_url(draft) in editor_client.get(change_url(draft)).content.decode()


# Drafts ready for review.


def test_an_editor_marks_a_draft_ready_and_a_publisher_publishes_it(
    editor_client, publisher_client, publisher
):
    draft = make_service(name="Night Owls", slug="night-owls", status=Service.Status.DRAFT)
    response = editor_client.post(
        change_url(draft),
        service_form_data(draft, description="Late evenings.", _ready_for_review="1"),
        follow=True,
    )
    assert "marked ready for a publisher&#x27;s review" in response.content.decode()
    assert ProposedChange.objects.waiting().drafts().get().service == draft

    listed = publisher_client.get(
        reverse("admin:resources_proposedchange_changelist") + "?waiting=drafts"
    ).content.decode()
    assert "Night Owls" in listed

    publisher_client.post(review_url(draft), {"_publish": "Publish"})

    draft.refresh_from_db()
    assert draft.status == Service.Status.PUBLISHED
    assert draft.description == "Late evenings."
    assert public_page(draft).status_code == 200
    assert not ProposedChange.objects.waiting().exists()
    assert draft.history.latest().history_user == publisher


def test_a_draft_sent_back_carries_the_note(editor_client, publisher_client):
    draft = make_service(name="Night Owls", slug="night-owls", status=Service.Status.DRAFT)
    editor_client.post(change_url(draft), service_form_data(draft, _ready_for_review="1"))

    publisher_client.post(review_url(draft), {"_send_back": "1", "note": "Add the hours."})

    assert "Add the hours." in editor_client.get(change_url(draft)).content.decode()
    assert Service.objects.get(pk=draft.pk).status == Service.Status.DRAFT


def test_a_draft_published_another_way_no_longer_waits(editor, editor_client):
    draft = make_service(name="Night Owls", slug="night-owls", status=Service.Status.DRAFT)
    review.mark_ready(draft, editor)

    Service.objects.filter(pk=draft.pk).publish()

    assert not ProposedChange.objects.waiting().exists()
    # And it does not stand in the way of a change to the published service.
    propose(editor_client, Service.objects.get(pk=draft.pk), description="Now published.")


# The dashboard.


def test_the_dashboard_counts_what_waits_for_review(editor, editor_client, publisher_client):
    propose(editor_client, make_service(name="One"), description="Changed.")
    propose(editor_client, make_service(name="Two"), description="Changed.")
    review.mark_ready(make_service(name="Draft", status=Service.Status.DRAFT), editor)

    content = publisher_client.get(reverse("admin:index")).content.decode()

    assert '<span class="dashboard-count">2</span> proposed changes waiting for review' in content
    assert '<span class="dashboard-count">1</span> drafts ready for review' in content
    assert "?waiting=changes" in content and "?waiting=drafts" in content
    assert review.waiting_counts() == {"proposed_changes": 2, "drafts_ready": 1}


def test_an_editor_sees_their_changes_sent_back_on_the_dashboard(editor_client, publisher_client):
    service = make_service(name="One")
    propose(editor_client, service, description="Changed.")
    publisher_client.post(review_url(service), {"_send_back": "1", "note": "No."})

    content = editor_client.get(reverse("admin:index")).content.decode()

    assert '<span class="dashboard-count">1</span> of your changes sent back to you' in content


def test_phone_rows_are_kept_in_the_proposal_not_in_the_database(editor_client, service):
    propose(
        editor_client,
        service,
        **{
            "phones-TOTAL_FORMS": 1,
            "phones-0-number": "608-555-0177",
            "phones-0-type": "voice",
            "phones-0-position": 0,
        },
    )

    assert not Phone.objects.filter(number="608-555-0177").exists()


def test_the_database_refuses_a_change_sent_back_without_a_note(editor, service):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposedChange.objects.create(
            service=service, proposed_by=editor, base_version=1, status="sent_back", note=""
        )


def test_an_editor_cannot_revert_a_published_service_past_the_review(editor_client, service):
    older = service.history.latest()
    Service.objects.filter(pk=service.pk).mark_verified(None)
    service.refresh_from_db()
    url = reverse("admin:resources_service_simple_history", args=[service.pk, older.pk])

    response = editor_client.post(url, service_form_data(service, description="Reverted."))

    assert response.status_code == 403
    service.refresh_from_db()
    assert service.description == "Peer-run line, evenings."

"""The admin's list of records, in the sidebar and on its home page, in the curators' words and
working order: the directory first, each facet of the vocabulary by its own name."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from resources import vocabulary
from resources.admin import sidebar

pytestmark = pytest.mark.django_db

INDEX = reverse("admin:index")


def sections(response):
    return [
        (str(app["name"]), [str(model["name"]) for model in app["models"]])
        for app in response.context["app_list"]
    ]


def test_the_list_starts_with_the_directory_and_names_the_kinds_of_support(curator_client):
    listed = sections(curator_client.get(INDEX))

    assert listed[0] == (
        "The directory",
        [
            "Services",
            "Organisations",
            "Locations",
            "Proposed changes",
            "Suggestions",
            "Problem reports",
        ],
    )
    assert listed[1][0] == "Vocabulary and search"
    assert listed[1][1][:3] == ["Kinds of support", "Topics", "Who it is for"]
    assert [title for title, _models in listed[:4]] == [
        "The directory",
        "Vocabulary and search",
        "A service's details",
        "Data and upkeep",
    ]


def test_every_record_of_the_directory_is_listed_once(curator_client):
    response = curator_client.get(INDEX)
    urls = [
        model["admin_url"]
        for app in response.context["app_list"]
        if app["app_label"] == "resources"
        for model in app["models"]
        if "?" not in model["admin_url"]
    ]
    registered = {
        reverse(f"admin:resources_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if model._meta.app_label == "resources"
    }
    assert sorted(urls) == sorted(registered)


def test_the_kinds_of_support_entry_lists_the_seven_kinds(curator_client):
    response = curator_client.get(sidebar.facet_list_url(vocabulary.SUPPORT))

    assert response.status_code == 200
    assert response.context["title"] == "Kinds of support"
    kinds = [term.code for term in response.context["cl"].result_list]
    assert sorted(kinds) == sorted(
        code for code, *_words in vocabulary.FACETS[vocabulary.SUPPORT]["terms"]
    )


def test_the_app_page_keeps_its_one_list(curator_client):
    response = curator_client.get(reverse("admin:app_list", args=["resources"]))

    assert len(response.context["app_list"]) == 1


def test_a_curator_who_may_not_see_the_vocabulary_is_not_shown_its_facets(client):
    user = get_user_model().objects.create_user(
        "viewer", password="a-long-test-password", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="view_service"))
    client.force_login(user)

    listed = sections(client.get(INDEX))

    assert listed == [("The directory", ["Services"])]

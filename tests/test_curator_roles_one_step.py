"""Giving someone a curator role is one step: the role brings staff status, and takes it away."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.helpers import command_output

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def make_user(username="ana", **extra):
    return get_user_model().objects.create_user(username, password=PASSWORD, **extra)


def staff(user):
    user.refresh_from_db()
    return user.is_staff


def role(name):
    return Group.objects.get(name=name)


@pytest.mark.parametrize("name", ["Editors", "Publishers"])
def test_joining_a_role_in_code_makes_the_user_staff(name):
    user = make_user()

    user.groups.add(role(name))

    assert user.is_staff
    assert staff(user)


def test_adding_users_from_the_groups_side_makes_them_staff_too():
    ana, ben = make_user("ana"), make_user("ben")

    role("Editors").user_set.add(ana, ben)

    assert staff(ana)
    assert staff(ben)


def test_another_group_does_not_make_anyone_staff():
    user = make_user()
    other = Group.objects.create(name="Newsletter")

    user.groups.add(other)

    assert not staff(user)


def test_leaving_one_role_of_two_keeps_staff_status_and_leaving_the_last_removes_it():
    user = make_user()
    user.groups.add(role("Editors"), role("Publishers"))

    user.groups.remove(role("Editors"))
    assert staff(user)

    user.groups.remove(role("Publishers"))
    assert not staff(user)
    assert not user.is_staff


@pytest.mark.parametrize("how", ["user_clear", "group_clear", "group_remove", "set"])
def test_every_way_of_leaving_the_last_role_removes_staff_status(how):
    user = make_user()
    editors = role("Editors")
    user.groups.add(editors)

    if how == "user_clear":
        user.groups.clear()
    elif how == "group_clear":
        editors.user_set.clear()
    elif how == "group_remove":
        editors.user_set.remove(user)
    else:
        user.groups.set([])

    assert not staff(user)


def test_a_superuser_leaving_a_role_stays_staff():
    user = get_user_model().objects.create_superuser("root", password=PASSWORD)
    user.groups.add(role("Publishers"))

    user.groups.remove(role("Publishers"))

    assert staff(user)


def test_a_saved_user_object_does_not_undo_the_role():
    user = make_user()
    user.groups.add(role("Editors"))

    user.save()

    assert staff(user)


def user_form_data(user, groups, is_staff=False):
    data = {
        "username": user.username,
        "is_active": "on",
        "groups": [group.pk for group in groups],
        "user_permissions": [],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
    }
    if is_staff:
        data["is_staff"] = "on"
    return data


def test_ticking_editors_in_the_user_admin_is_enough_to_sign_in(admin_client, client):
    user = make_user()
    url = reverse("admin:auth_user_change", args=[user.pk])

    response = admin_client.post(url, user_form_data(user, [role("Editors")]))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert staff(user)
    login = client.post(
        reverse("admin:login"), {"username": "ana", "password": PASSWORD, "next": "/admin/"}
    )
    assert login.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_unticking_the_last_role_in_the_user_admin_removes_staff_status(admin_client):
    user = make_user()
    user.groups.add(role("Editors"))
    url = reverse("admin:auth_user_change", args=[user.pk])

    # The form still shows "Staff status" ticked, as it was when it was opened.
    response = admin_client.post(url, user_form_data(user, [], is_staff=True))

    assert response.status_code == 302
    assert not staff(user)


def test_a_role_holder_is_not_told_the_password_is_wrong(client):
    make_user().groups.add(role("Publishers"))

    response = client.post(
        reverse("admin:login"), {"username": "ana", "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response.url == "/admin/"


def create_curator(*args):
    return command_output("create_curator", *args)


@pytest.mark.parametrize(("option", "group"), [("editor", "Editors"), ("publisher", "Publishers")])
def test_create_curator_with_a_role_makes_a_staff_member_in_that_role(client, option, group):
    output = create_curator("--username", "ana", "--role", option)

    user = get_user_model().objects.get(username="ana")
    assert not user.is_superuser
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == [group]
    password = re.search(r"password: (\S+)", output).group(1)
    assert client.login(username="ana", password=password)
    assert client.get(reverse("admin:resources_service_changelist")).status_code == 200


def test_create_curator_without_a_role_still_makes_a_superuser():
    create_curator("--username", "root")

    user = get_user_model().objects.get(username="root")
    assert user.is_superuser
    assert not user.groups.exists()


def test_create_curator_refuses_an_unknown_role():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        create_curator("--username", "ana", "--role", "owner")
    assert not get_user_model().objects.filter(username="ana").exists()


# The rest of the issue's small admin points: curators' words, the open-data page, "Adults", and
# the web address example.


def test_the_admin_sidebar_uses_curators_words_and_keeps_the_hsds_names(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()

    for name in [
        "Vocabularies (HSDS taxonomies)",
        "Vocabulary terms (HSDS taxonomy terms)",
        "Where services are offered (HSDS services at locations)",
        "Gazetteer (ZIP codes and towns)",
    ]:
        assert name in page
    for old in [">Taxonomies<", ">Taxonomy terms<", ">Services at locations<", ">Places<"]:
        assert old not in page


def test_the_open_data_page_is_linked_from_the_admin_home_and_the_services_list(admin_client):
    open_data = reverse("hsds_open_data")

    home = admin_client.get(reverse("admin:index")).content.decode()
    services = admin_client.get(reverse("admin:resources_service_changelist")).content.decode()

    assert f'href="{open_data}"' in home
    assert f'href="{open_data}"' in services
    assert admin_client.get(open_data).status_code == 200


def test_an_editor_sees_the_open_data_link_too(client):
    user = make_user()
    user.groups.add(role("Editors"))
    client.force_login(user)

    assert (
        f'href="{reverse("hsds_open_data")}"' in client.get(reverse("admin:index")).content.decode()
    )


def test_there_is_an_adults_audience_after_everyone():
    from resources import vocabulary
    from resources.models import TaxonomyTerm

    codes = list(TaxonomyTerm.objects.of(vocabulary.AUDIENCE).values_list("code", flat=True))
    assert codes[:2] == ["everyone", "adults"]
    adults = TaxonomyTerm.objects.get(id=vocabulary.term_id(vocabulary.AUDIENCE, "adults"))
    assert adults.label == "Adults"
    assert adults.description


def test_the_adults_audience_is_offered_on_the_service_form(admin_client):
    page = admin_client.get(reverse("admin:resources_service_add")).content.decode()

    assert ">Adults<" in page or "Adults</label>" in page


def test_the_web_address_help_shows_a_real_example(admin_client):
    from resources.models import Service

    page = admin_client.get(reverse("admin:resources_service_add")).content.decode()

    assert "/services//" not in page
    assert "/services/web-address-name/" in page
    model_help = str(Service._meta.get_field("slug").help_text)
    assert "<" not in model_help
    assert "/services/grief-support-group/" in model_help


def test_the_migration_makes_curators_already_in_a_role_staff():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("resources.migrations.0022_curators_words")
    user = make_user()
    user.groups.add(role("Editors"))
    get_user_model().objects.filter(pk=user.pk).update(is_staff=False)
    bystander = make_user("ben")

    migration.make_role_holders_staff(apps, None)

    assert staff(user)
    assert not staff(bystander)


def test_unticking_staff_status_of_a_role_holder_in_the_user_admin_keeps_them_staff(
    admin_client, client
):
    user = make_user()
    user.groups.add(role("Editors"))
    url = reverse("admin:auth_user_change", args=[user.pk])

    # The role stays ticked, "Staff status" is unticked: the role brings staff status back.
    response = admin_client.post(url, user_form_data(user, [role("Editors")], is_staff=False))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert staff(user)
    login = client.post(
        reverse("admin:login"), {"username": "ana", "password": PASSWORD, "next": "/admin/"}
    )
    assert login.status_code == 302


def test_a_role_holder_saved_without_staff_status_in_code_stays_staff():
    user = make_user()
    user.groups.add(role("Publishers"))

    user.is_staff = False
    user.save()

    assert user.is_staff
    assert staff(user)


def test_staff_status_without_a_role_can_still_be_taken_away():
    user = make_user(is_staff=True)

    user.is_staff = False
    user.save()

    assert not staff(user)

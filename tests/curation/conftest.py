import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from resources.models import ProblemReport, Suggestion
from resources.public import spam
from tests.factories import get_support


@pytest.fixture(autouse=True)
def _empty_rate_limit_counters():
    cache.clear()
    yield
    cache.clear()


def make_curator(role, username=None):
    """A staff member in one of the groups the data migration made: Editors or Publishers."""
    user = get_user_model().objects.create_user(
        username or role.lower(), password="a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return make_curator("Editors", "edith")


@pytest.fixture
def publisher(db):
    return make_curator("Publishers", "paul")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


def started_a_minute_ago():
    return spam.started_token(now=time.time() - 60)


def form_data(fields, overrides):
    """A public form's `fields` as a person sends it: the empty trap field, a clock started a
    minute ago, then `overrides`."""
    return {**fields, "leave_empty": "", "started": started_a_minute_ago(), **overrides}


def suggestion_data(**overrides):
    fields = {
        "name": "Thursday Hearing Voices Group",
        "organization_name": "Lakeside Peer Network",
        "description": "A peer group for people who hear voices. Drop in, no referral needed.",
        "kinds_of_support": [str(get_support("emotional").pk), str(get_support("coping").pk)],
        "phone": "608-555-0142",
        "website": "https://lakeside.example.org",
        "email": "",
        "address": "12 Lake Street",
        "city": "Madison",
        "postal_code": "53703",
        "when": "Thursdays 6 to 7:30 pm",
        "suggester_email": "",
    }
    return form_data(fields, overrides)


def report_data(**overrides):
    fields = {
        "kind": ProblemReport.Kind.WRONG_PHONE,
        "details": "The number now goes to a fax machine; the new one is 608-555-0177.",
        "reporter_email": "",
    }
    return form_data(fields, overrides)


def post_one_suggestion_too_many(client, url, limit):
    """Post `limit` suggestions, each accepted, then one more; returns the answer to that one."""
    for number in range(limit):
        assert client.post(url, suggestion_data(name=f"Group {number}")).status_code == 302
    return client.post(url, suggestion_data(name="One too many"))


def make_suggestion(**overrides):
    fields = {
        "name": "Grief Walkers",
        "description": "A walking group for people who lost someone.",
        "phone": "608-555-0110",
        "city": "Madison",
    }
    fields.update(overrides)
    kinds = fields.pop("kinds", [get_support("social-connection")])
    suggestion = Suggestion.objects.create(**fields)
    suggestion.kinds_of_support.set(kinds)
    return suggestion


def make_report(service, **overrides):
    fields = {"kind": ProblemReport.Kind.WRONG_PHONE, "details": "Wrong number."}
    fields.update(overrides)
    return ProblemReport.objects.create(service=service, **fields)

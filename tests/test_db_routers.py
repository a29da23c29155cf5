"""Read replicas: visitors' pages read from one replica; curators, posts and writes use the primary.

The replicas here are test mirrors of the primary, as settings.py declares them: more aliases
of the one test database, each with its own connection.
"""

import contextvars
import copy
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import Organization, Service, Suggestion
from supportdir.db_routers import PrimaryReplicaRouter, ReadReplicaMiddleware
from tests.curation.conftest import suggestion_data
from tests.factories import get_support, make_service

# Committed, since a read within the primary's open transaction is the primary's by rule, and the
# replicas' own connections would not see an uncommitted write. "__all__" takes in the replicas
# that DATABASE_REPLICA_URLS may have configured for the whole run.
routed = pytest.mark.django_db(transaction=True, databases="__all__")

REPLICAS = ["replica_1", "replica_2"]
ROUTER = "supportdir.db_routers.PrimaryReplicaRouter"
MIDDLEWARE = "supportdir.db_routers.ReadReplicaMiddleware"


@pytest.fixture
def replicas(settings, committed_vocabulary):
    """Two replicas at least, the router and the middleware, as DATABASE_REPLICA_URLS has them."""
    primary = connections[DEFAULT_DB_ALIAS]
    added = [alias for alias in REPLICAS if alias not in connections]
    for alias in added:
        connections.settings[alias] = {
            **copy.deepcopy(primary.settings_dict),
            "TEST": {**primary.settings_dict["TEST"], "MIRROR": DEFAULT_DB_ALIAS},
        }
        connections[alias].creation.set_as_test_mirror(primary.settings_dict)
        # The test case refuses to open connections to databases it was not told about when it
        # began; these are open before it looks.
        connections[alias].connect()
    settings.DATABASE_ROUTERS = [ROUTER]
    if MIDDLEWARE not in settings.MIDDLEWARE:
        after = settings.MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE[: after + 1],
            MIDDLEWARE,
            *settings.MIDDLEWARE[after + 1 :],
        ]
    yield
    for alias in added:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


class QueriesByDatabase:
    """The SQL each database ran inside the block."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in connections}
        for context in self.contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc_info):
        for context in self.contexts.values():
            context.__exit__(*exc_info)

    def on(self, alias):
        return [query["sql"] for query in self.contexts[alias].captured_queries]

    def on_replicas(self):
        return [
            sql for alias in self.contexts if alias != DEFAULT_DB_ALIAS for sql in self.on(alias)
        ]

    def databases_used(self):
        return {alias for alias in self.contexts if self.on(alias)}


def is_write(sql):
    return sql.lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}


@routed
def test_an_anonymous_visitors_pages_read_everything_from_one_replica(client, replicas):
    service = make_service(name="Thursday Peer Circle", terms=[get_support("emotional")])

    for path in [
        "/support/emotional/",
        service.get_absolute_url(),
        "/search/?q=peer",
        "/api/services",
    ]:
        with QueriesByDatabase() as queries:
            response = client.get(path)

        assert response.status_code == 200, path
        assert "Thursday Peer Circle" in response.content.decode(), path
        assert queries.on(DEFAULT_DB_ALIAS) == [], path
        (replica,) = queries.databases_used()
        assert replica != DEFAULT_DB_ALIAS
        assert not any(is_write(sql) for sql in queries.on(replica))


@routed
def test_a_signed_in_curators_pages_read_from_the_primary(client, curator, replicas):
    service = make_service(name="Thursday Peer Circle")
    client.force_login(curator)

    with QueriesByDatabase() as queries:
        public = client.get(service.get_absolute_url())
        admin = client.get(reverse("admin:resources_service_change", args=[service.pk]))

    assert public.status_code == admin.status_code == 200
    assert queries.on_replicas() == []
    assert queries.on(DEFAULT_DB_ALIAS)


@routed
def test_a_visitors_form_post_reads_and_writes_on_the_primary(client, replicas):
    with QueriesByDatabase() as queries:
        # An address of its own, so other tests' posts do not count against its rate limit.
        response = client.post(
            reverse("resources:suggest"), suggestion_data(), REMOTE_ADDR="192.0.2.71"
        )

    assert response.status_code == 302
    assert Suggestion.objects.filter(name="Thursday Hearing Voices Group").exists()
    assert queries.on_replicas() == []
    assert any(is_write(sql) for sql in queries.on(DEFAULT_DB_ALIAS))


@routed
def test_a_streamed_answer_reads_from_the_replica_to_its_last_line(client, replicas):
    for _ in range(3):
        make_service()

    with QueriesByDatabase() as queries:
        response = client.get("/api/services?format=ndjson")
        lines = b"".join(response.streaming_content).splitlines()

    assert len(lines) == 3
    assert queries.on(DEFAULT_DB_ALIAS) == []
    assert queries.on_replicas()
    # The stream has ended: what runs next reads from the primary again.
    assert Service.objects.all().db == DEFAULT_DB_ALIAS


def run_in_a_visitors_request(view):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return ReadReplicaMiddleware(view)(request)


@routed
def test_a_streamed_response_closed_unread_still_puts_the_routing_back(replicas):
    response = run_in_a_visitors_request(lambda request: StreamingHttpResponse([b"unread"]))

    assert Service.objects.all().db != DEFAULT_DB_ALIAS  # Its body may still read.
    response.close()
    assert Service.objects.all().db == DEFAULT_DB_ALIAS


@routed
def test_a_body_read_in_a_copy_of_the_requests_context_ends_on_the_primary(replicas):
    # As under ASGI, where each synchronous step runs in a copy of the request's context. (Not
    # through ASGIHandler itself: Playwright's sync API keeps an event loop running in the tests'
    # thread, where async_to_sync refuses to run.)
    def view(request):
        return StreamingHttpResponse(f"{Service.objects.all().db}\n" for _ in range(2))

    def serve():
        response = run_in_a_visitors_request(view)
        request_reads_from = Service.objects.all().db

        def send_body():
            body = b"".join(response.streaming_content).decode().split()
            return body, Service.objects.all().db

        body, afterwards = contextvars.copy_context().run(send_body)
        return request_reads_from, body, afterwards

    request_reads_from, body, afterwards = contextvars.copy_context().run(serve)

    assert request_reads_from != DEFAULT_DB_ALIAS
    assert body == [request_reads_from, request_reads_from]
    assert afterwards == DEFAULT_DB_ALIAS


@routed
def test_reads_after_a_write_in_the_same_request_go_to_the_primary(replicas):
    reads = {}

    def view(request):
        with QueriesByDatabase() as before:
            Service.objects.count()
        Organization.objects.create(name="Lakeside Peer Network", description="Peer support.")
        with QueriesByDatabase() as after:
            Service.objects.count()
        reads.update(before=before.databases_used(), after=after.databases_used())
        return HttpResponse()

    run_in_a_visitors_request(view)

    (replica,) = reads["before"]
    assert replica != DEFAULT_DB_ALIAS
    assert reads["after"] == {DEFAULT_DB_ALIAS}


@routed
def test_reads_inside_a_transaction_go_to_the_primary(replicas):
    reads = {}

    def view(request):
        with QueriesByDatabase() as queries, transaction.atomic():
            Service.objects.count()
        reads["inside"] = queries.databases_used()
        return HttpResponse()

    run_in_a_visitors_request(view)

    assert reads["inside"] == {DEFAULT_DB_ALIAS}


@routed
def test_everything_outside_a_request_uses_the_primary(client, replicas):
    make_service()
    client.get("/")

    with QueriesByDatabase() as queries:
        Service.objects.count()
        call_command("stale_report", stdout=io.StringIO())

    assert queries.databases_used() == {DEFAULT_DB_ALIAS}


@routed
def test_writes_go_to_the_primary_even_for_rows_read_from_a_replica(replicas):
    service = make_service()
    from_replica = Service.objects.using("replica_1").get(pk=service.pk)
    organization = Organization.objects.using(DEFAULT_DB_ALIAS).get(pk=service.organization_id)

    with QueriesByDatabase() as queries:
        from_replica.organization = organization
        from_replica.name = "Renamed"
        from_replica.save()

    assert queries.on_replicas() == []
    assert any(is_write(sql) for sql in queries.on(DEFAULT_DB_ALIAS))
    assert Service.objects.get(pk=service.pk).name == "Renamed"


def test_only_the_primary_is_migrated():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "resources") is True
    assert router.allow_migrate("replica_1", "resources") is False

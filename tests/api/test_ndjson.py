"""format=ndjson: every record once, exactly as the pages give it, read from a server-side cursor
on PostgreSQL, and a stream that fails midway never ends as a complete body."""

import http.client
import json
import logging
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection

from resources.api import responses
from resources.hsds import rows, serialize
from tests.api.conftest import make_rich_service
from tests.conftest import skip_unless_ci
from tests.factories import make_service
from tests.gunicorn import HOST, database_url, running_gunicorn

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/api/services",
    "/api/services?full=true",
    "/api/services?minimal=true",
    "/api/services?full=true&search=group",
    "/api/services?full=true&postcode=53703",
    "/api/organizations",
    "/api/organizations?full=true",
    "/api/organizations?full=true&full_service=true",
    "/api/service_at_locations",
    "/api/service_at_locations?full=true",
    "/api/taxonomies",
    "/api/taxonomy_terms",
]


def stream_lines(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    body = b"".join(response.streaming_content).decode()
    assert body == "" or body.endswith("\n")
    return body.splitlines()


def page_lines(client, url):
    """Every record of every page, as the NDJSON stream should write it."""
    separator = "&" if "?" in url else "?"
    data = client.get(f"{url}{separator}per_page=200").json()
    assert data["total_pages"] == 1, "the test expects a single page"
    return [responses._dumps(item).decode() for item in data["contents"]]


def test_every_listing_streams_exactly_the_records_of_its_pages(client, django_db_setup):
    call_command("load_sample_data", verbosity=0)
    make_rich_service(name="Rich group")
    for url in LISTINGS:
        separator = "&" if "?" in url else "?"
        expected = page_lines(client, url)
        assert expected, url
        assert stream_lines(client.get(f"{url}{separator}format=ndjson")) == expected, url


def test_the_stream_is_complete_ndjson_across_batches(client, monkeypatch):
    monkeypatch.setattr(rows, "BATCH", 2)
    monkeypatch.setattr(responses, "NDJSON_LINES_PER_WRITE", 3)
    for _ in range(7):
        make_rich_service()
    total = client.get("/api/services?per_page=1").json()["total_items"]
    lines = stream_lines(client.get("/api/services?format=ndjson&full=true"))
    records = [json.loads(line) for line in lines]
    assert len(records) == total == 7
    assert len({record["id"] for record in records}) == 7
    assert all(record["phones"] and record["attributes"] for record in records)


def test_a_head_request_reads_nothing(client, django_assert_num_queries):
    make_service()
    with django_assert_num_queries(0):
        response = client.head("/api/services?format=ndjson&full=true")
        assert b"".join(response.streaming_content) == b""
    assert response["Content-Type"] == "application/x-ndjson"


def test_a_process_streams_a_few_dumps_at_once_and_refuses_more(client, settings):
    settings.NDJSON_DUMPS_AT_ONCE = 1
    make_service()
    first = client.get("/api/services?format=ndjson")
    refused = client.get("/api/organizations?format=ndjson")
    assert refused.status_code == 503
    assert refused["Retry-After"] == "60"
    assert refused.json()["message"] == "Too many downloads are running; try again in a minute."
    assert len(stream_lines(first)) == 1
    assert len(stream_lines(client.get("/api/organizations?format=ndjson"))) == 1


def test_a_failure_midway_is_raised_to_the_server_not_ended_cleanly(client, monkeypatch, caplog):
    monkeypatch.setattr(responses, "NDJSON_LINES_PER_WRITE", 1)
    for _ in range(5):
        make_service()
    service_brief = serialize.service_brief
    written = []

    def failing_on_the_third(service):
        if len(written) == 2:
            raise RuntimeError("The database went away.")
        written.append(service)
        return service_brief(service)

    monkeypatch.setattr(serialize, "service_brief", failing_on_the_third)
    response = client.get("/api/services?format=ndjson")
    received = []
    with pytest.raises(RuntimeError, match="went away"):
        for chunk in response.streaming_content:
            received.append(chunk)
    assert b"".join(received).count(b"\n") == 2
    [record] = [r for r in caplog.records if r.name == "resources.api.responses"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "The NDJSON stream of /api/services stopped after 2 records"


@pytest.mark.postgres
@pytest.mark.usefixtures("committed_vocabulary")
def test_a_stream_reads_a_server_side_cursor_in_one_read_only_snapshot(client, monkeypatch):
    monkeypatch.setattr(rows, "BATCH", 2)
    monkeypatch.setattr(responses, "NDJSON_LINES_PER_WRITE", 1)
    for _ in range(5):
        make_rich_service()
    response = client.get("/api/services?format=ndjson&full=true")
    chunks = iter(response.streaming_content)
    first = next(chunk for chunk in chunks if chunk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT is_holdable FROM pg_cursors")
        cursors = cursor.fetchall()
        cursor.execute("SHOW transaction_isolation")
        isolation = cursor.fetchone()[0]
        cursor.execute("SHOW transaction_read_only")
        read_only = cursor.fetchone()[0]
    # Declared WITH HOLD (as outside a transaction) PostgreSQL would read the whole result first.
    assert cursors == [(False,)]
    assert (isolation, read_only) == ("repeatable read", "on")
    lines = (first + b"".join(chunks)).decode().splitlines()
    assert len(lines) == 5
    assert not connection.in_atomic_block


def run_curl(folder, port, path):
    curl = shutil.which("curl")
    if curl is None:
        skip_unless_ci("curl is not installed")
    return subprocess.run(  # noqa: S603
        [curl, "-sS", "-o", str(folder / "dump.ndjson"), f"http://{HOST}:{port}{path}"],
        capture_output=True,
        check=False,
    )


def read_to_the_end(port, path):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.usefixtures("committed_vocabulary")
def test_gunicorn_sends_a_whole_dump_with_the_end_of_its_body(tmp_path):
    for _ in range(30):
        make_rich_service()
    url = database_url(connection.settings_dict)
    with running_gunicorn(tmp_path, database_url=url) as server:
        response, body = read_to_the_end(server.port, "/api/services?format=ndjson&full=true")
        assert response.status == 200
        assert response.getheader("Transfer-Encoding") == "chunked"
        assert len([json.loads(line) for line in body.decode().splitlines()]) == 30
        curl = run_curl(tmp_path, server.port, "/api/services?format=ndjson")
        assert curl.returncode == 0, curl.stderr


@pytest.mark.postgres
@pytest.mark.usefixtures("committed_vocabulary")
def test_through_gunicorn_a_failure_midway_leaves_the_client_an_incomplete_body(tmp_path):
    for _ in range(30):
        make_service()
    url = database_url(connection.settings_dict)
    app = "tests.api.failing_wsgi:application"
    with running_gunicorn(tmp_path, database_url=url, app=app) as server:
        with pytest.raises(http.client.IncompleteRead) as failure:
            read_to_the_end(server.port, "/api/services?format=ndjson&secret=words")
        assert failure.value.partial.count(b"\n") == 20
        curl = run_curl(tmp_path, server.port, "/api/services?format=ndjson")
        # 18: "Partial file. Only a part of the file was transferred."
        assert curl.returncode == 18, curl.stderr
    logs = server.logs()
    assert "The NDJSON stream of /api/services stopped after 20 records" in logs
    assert "secret" not in logs

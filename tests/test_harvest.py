"""harvest_hsds: from a second live instance of this app, and from bad feeds served locally."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from resources.hsds import harvest
from resources.models import HarvestSource, Organization, Phone, Service
from tests.conftest import write_freshly_migrated_sqlite
from tests.gunicorn import HOST, running_gunicorn
from tests.workers import share_of

# One worker runs the whole module, so that `other_instance` is made once, not once a worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

ROOT = Path(__file__).resolve().parents[1]
# Quick and patient enough for a loaded machine: no pause between requests, one quick retry.
FAST = ["--delay", "0", "--timeout", "2", "--retries", "1", "--backoff", "0.01"]
ORG_ID = str(uuid.UUID(int=1))


def a_service(number, name, **fields):
    return {
        "id": str(uuid.UUID(int=100 + number)),
        "name": name,
        "status": "active",
        "description": f"{name}: people meet and listen.",
        "organization": {"id": ORG_ID, "name": "Hope Centre", "description": "Helps."},
        "phones": [{"id": str(uuid.UUID(int=200 + number)), "number": f"608-555-010{number}"}],
        **fields,
    }


FIRST = [a_service(1, "Grief circle"), a_service(2, "Warmline"), a_service(3, "Peer café")]
# Imported later: the warmline renamed, and a new service.
LATER = [a_service(2, "Evening warmline"), a_service(4, "Hearing voices group")]


# Run in the other instance's own process: migrate, import the first services, note the moment,
# import the later ones. One process, as each Django start costs a second or two. On SQLite the
# database starts as a copy of the tests' freshly migrated one, so `migrate` finds nothing to do
# (running every migration again took some ten seconds a worker).
SET_UP = """
import sys, time
from datetime import UTC, datetime
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("import_hsds", sys.argv[1], verbosity=0)
time.sleep(0.05)
print("changed since", datetime.now(UTC).isoformat())
time.sleep(0.05)
call_command("import_hsds", sys.argv[2], verbosity=0)
"""


def _environment(database):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "supportdir.settings",
    }


def _free_port(ports):
    for port in share_of(ports):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    pytest.skip(f"no free port in {ports[0]}-{ports[-1]}")


class Instance:
    def __init__(self, url, database, changed_since):
        self.url = url
        self.database = database
        self.changed_since = changed_since


@pytest.fixture(scope="session")
def other_instance(tmp_path_factory, django_db_setup):
    """This app again, on its own SQLite file, served by gunicorn on the loopback: three services
    imported, then (after `changed_since`) one of them renamed and a fourth added."""
    folder = tmp_path_factory.mktemp("other-instance")
    database = folder / "other.sqlite3"
    write_freshly_migrated_sqlite(database)
    (folder / "first.json").write_text(json.dumps(FIRST))
    (folder / "later.json").write_text(json.dumps(LATER))
    set_up = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SET_UP, folder / "first.json", folder / "later.json"],
        cwd=ROOT,
        env=_environment(database),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    [moment] = [
        line.removeprefix("changed since ")
        for line in set_up.stdout.splitlines()
        if line.startswith("changed since ")
    ]
    changed_since = datetime.fromisoformat(moment)
    port = _free_port(range(8240, 8250))
    with running_gunicorn(folder, database_url=f"sqlite:///{database}", port=port) as server:
        yield Instance(f"http://{HOST}:{server.port}/api", database, changed_since)


def names():
    return set(Service.objects.values_list("name", flat=True))


def nothing_written():
    return not Service.objects.exists() and not Organization.objects.exists()


def test_a_harvest_brings_every_service_of_the_other_instance(other_instance, capsys):
    call_command("harvest_hsds", other_instance.url, *FAST)
    assert names() == {"Grief circle", "Evening warmline", "Peer café", "Hearing voices group"}
    assert Phone.objects.count() == 4
    assert all(service.is_published for service in Service.objects.all())
    out = capsys.readouterr().out
    assert "4 service(s) fetched in 1 request(s) (full services)" in out


def test_a_harvest_since_a_moment_brings_only_the_services_changed_after_it(other_instance):
    since = other_instance.changed_since.isoformat()
    call_command("harvest_hsds", other_instance.url, "--since", since, *FAST)
    assert names() == {"Evening warmline", "Hearing voices group"}


def test_a_small_page_size_walks_every_page(other_instance, capsys):
    call_command("harvest_hsds", other_instance.url, "--per-page", "1", *FAST)
    assert len(names()) == 4
    assert "4 service(s) fetched in 4 request(s)" in capsys.readouterr().out


def test_a_dry_run_writes_nothing(other_instance, capsys):
    call_command("harvest_hsds", other_instance.url, "--dry-run", *FAST)
    assert nothing_written()
    assert "checked (dry run, nothing written): 1 organization, 4 service" in (
        capsys.readouterr().out
    )


def test_a_configured_feed_records_its_run_and_next_asks_only_for_changes(other_instance):
    source = HarvestSource.objects.create(name="Other", base_url=other_instance.url + "/")
    call_command("harvest_hsds", "--due", *FAST)
    source.refresh_from_db()
    assert source.last_success_at == source.last_run_at
    assert source.last_error == ""
    assert source.last_counts["fetched"] == 4
    assert source.last_counts["service"] == 4
    assert "4 service(s) fetched" in source.last_report
    # Not due again before its interval has passed.
    assert HarvestSource.objects.due(timezone.now()) == []

    Service.objects.all().delete()
    HarvestSource.objects.filter(pk=source.pk).update(
        last_run_at=other_instance.changed_since + harvest.OVERLAP,
        last_success_at=other_instance.changed_since + harvest.OVERLAP,
    )
    call_command("harvest_hsds", "--source", "Other", *FAST)
    assert names() == {"Evening warmline", "Hearing voices group"}
    call_command("harvest_hsds", other_instance.url, "--everything", *FAST)
    assert len(names()) == 4


def test_the_admin_harvests_a_feed_now(other_instance, curator_client):
    source = HarvestSource.objects.create(name="Other", base_url=other_instance.url)
    response = curator_client.post(
        "/admin/resources/harvestsource/",
        {"action": "harvest_now", "_selected_action": [source.pk]},
        follow=True,
    )
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert "being harvested in the background" in message
    # The tests' tasks backend runs the task at once; the worker would run it in production.
    assert len(names()) == 4
    source.refresh_from_db()
    assert source.last_success_at is not None
    assert "4 service(s) fetched" in source.last_report


def test_the_admins_dry_run_writes_nothing_and_keeps_its_report_on_the_feed(
    other_instance, curator_client
):
    source = HarvestSource.objects.create(name="Other", base_url=other_instance.url)
    curator_client.post(
        "/admin/resources/harvestsource/",
        {"action": "dry_run_now", "_selected_action": [source.pk]},
    )
    assert names() == set()
    source.refresh_from_db()
    assert source.last_run_at is None
    assert source.last_report.startswith("Dry run: ")
    assert "4 service(s) fetched" in source.last_report


@pytest.mark.parametrize("role", ["Editors", "Publishers"])
def test_only_superusers_set_up_and_run_feeds(client, role):
    user = get_user_model().objects.create_user(role, password="a-long-test-password")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    source = HarvestSource.objects.create(name="Other", base_url="https://a.example/api")
    response = client.post(
        "/admin/resources/harvestsource/",
        {"action": "harvest_now", "_selected_action": [source.pk]},
    )
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.last_run_at is None


# Bad feeds, each served under its own path by one local server.


class Feed(BaseHTTPRequestHandler):
    cases = {}

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        _, case, *rest = parts.path.split("/")
        query = dict(urllib.parse.parse_qsl(parts.query))
        answer = self.cases[case](self, "/".join(rest), query)
        if answer is None:
            return
        status, content_type, body = answer
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        data = body.encode() if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


JSON = "application/json"
GOOD = a_service(1, "Grief circle")
GONE = a_service(2, "Warmline")


def page(contents, number=1, total=1, **fields):
    return {
        "total_items": len(contents) * total,
        "total_pages": total,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= total,
        "empty": not contents,
        "contents": contents,
        **fields,
    }


def an_html_page(handler, path, query):
    return 200, "text/html; charset=utf-8", "<!doctype html><title>Sign in</title><p>Sign in"


def a_server_error(handler, path, query):
    return 500, "text/html", "<h1>Internal Server Error</h1>"


def too_slow(handler, path, query):
    time.sleep(1.5)
    return 200, JSON, page([GOOD])


def invalid_json(handler, path, query):
    return 200, JSON, '{"contents": [{"id": "1"'


def a_page_giving_the_first_page_again(handler, path, query):
    return 200, JSON, {"page_number": 1, "last_page": False, "contents": [GOOD]}


def a_page_giving_its_own_contents_forever(handler, path, query):
    number = int(query["page"])
    return 200, JSON, {"page_number": number, "last_page": False, "contents": [GOOD]}


def pages_without_end(handler, path, query):
    number = int(query["page"])
    service = a_service(number, f"Service {number}")
    return 200, JSON, {"page_number": number, "last_page": False, "contents": [service]}


def too_many_pages(handler, path, query):
    return 200, JSON, page([GOOD], total=5000)


def without_full(respond):
    """A feed that refuses `full=true`, lists brief services and answers each as `respond`."""

    def feed(handler, path, query):
        if query.get("full"):
            return 400, JSON, {"message": "Unknown parameter full."}
        if path == "services":
            brief = [{"id": s["id"], "name": s["name"]} for s in (GOOD, GONE)]
            return 200, JSON, page(brief)
        return respond(path.removeprefix("services/"))

    return feed


def a_service_that_disappears(service_id):
    if service_id == GONE["id"]:
        return 404, JSON, {"message": "Not found."}
    return 200, JSON, GOOD


def every_service_in_detail(service_id):
    return 200, JSON, next(s for s in (GOOD, GONE) if s["id"] == service_id)


def a_service_without_a_name(handler, path, query):
    return 200, JSON, page([GOOD, {**GONE, "name": ""}])


class Flaky:
    """503 with Retry-After on the first request, then a good page."""

    def __init__(self):
        self.requests = 0

    def __call__(self, handler, path, query):
        self.requests += 1
        if self.requests == 1:
            return 503, "text/plain", "Busy"
        return 200, JSON, page([GOOD])


def a_redirect_to_ftp(handler, path, query):
    handler.send_response(302)
    handler.send_header("Location", "ftp://127.0.0.1/services")
    handler.send_header("Content-Length", "0")
    handler.end_headers()
    return None


Feed.cases.update(
    {
        "to-ftp": a_redirect_to_ftp,
        "html": an_html_page,
        "error": a_server_error,
        "slow": too_slow,
        "invalid": invalid_json,
        "first-again": a_page_giving_the_first_page_again,
        "same-forever": a_page_giving_its_own_contents_forever,
        "endless": pages_without_end,
        "many": too_many_pages,
        "disappearing": without_full(a_service_that_disappears),
        "detailed": without_full(every_service_in_detail),
        "nameless": a_service_without_a_name,
        "flaky": Flaky(),
    }
)


@contextmanager
def serving_feeds(port=0):
    """Feed's cases served on a thread at HOST:port (any free port where 0); gives the port."""
    server = ThreadingHTTPServer((HOST, port), Feed)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def feeds():
    with serving_feeds() as port:
        yield f"http://{HOST}:{port}"


BAD_FEEDS = {
    "html": "the server answered with a web page, not JSON",
    "error": "the server answered 500 Internal Server Error (tried 2 times).",
    "slow": "no answer within 0.3 seconds (tried 2 times).",
    "invalid": "the answer is not valid JSON (",
    "first-again": "asked for page 2, the feed gave page 1: its paging goes round in a loop.",
    "same-forever": "page 2 repeats page 1: the feed's paging goes round in a loop.",
    "endless": "the feed has more than 5 pages; the limit is 5 (--max-pages).",
    "many": "the feed has 5000 pages; the limit is 5 (--max-pages).",
    "disappearing": "answered 404: it went away while we harvested; run again.",
    "nameless": "the importer found 1 error(s) in the feed's services (each listed in the",
}


@pytest.mark.parametrize("case", BAD_FEEDS)
def test_a_bad_feed_fails_in_one_sentence_writes_nothing_and_is_recorded(feeds, case, capsys):
    source = HarvestSource.objects.create(name=case, base_url=f"{feeds}/{case}")
    options = ["--timeout", "0.3", "--retries", "1", "--backoff", "0.01", "--delay", "0"]
    with pytest.raises(CommandError) as failure:
        call_command("harvest_hsds", "--source", case, "--max-pages", "5", *options)
    message = str(failure.value)
    assert message.startswith(f"Harvest of {feeds}/{case} failed: ")
    assert BAD_FEEDS[case] in message
    assert message.endswith(" Nothing was written.")
    assert "\n" not in message
    assert nothing_written()
    source.refresh_from_db()
    assert source.last_error == message
    assert source.last_run_at is not None
    assert source.last_success_at is None
    assert source.last_report.startswith(message)


def test_the_importers_errors_are_listed(feeds, capsys):
    with pytest.raises(CommandError):
        call_command("harvest_hsds", f"{feeds}/nameless", "--delay", "0")
    error = f"ERROR {feeds}/nameless, service {GONE['id']}, name: This field is required."
    assert capsys.readouterr().err == error + "\n"


def test_a_failed_run_keeps_the_last_success(feeds):
    succeeded = timezone.now() - timedelta(days=2)
    source = HarvestSource.objects.create(
        name="Once good",
        base_url=f"{feeds}/html",
        last_run_at=succeeded,
        last_success_at=succeeded,
    )
    with pytest.raises(CommandError):
        call_command("harvest_hsds", "--due", "--delay", "0")
    source.refresh_from_db()
    assert source.last_success_at == succeeded
    assert source.last_run_at > succeeded
    assert "web page, not JSON" in source.last_error


def test_a_feed_without_full_services_is_read_service_by_service(feeds, capsys):
    call_command("harvest_hsds", f"{feeds}/detailed", *FAST)
    assert names() == {"Grief circle", "Warmline"}
    assert "2 service(s) fetched in 4 request(s) (a list, then each service)" in (
        capsys.readouterr().out
    )


def test_a_busy_server_is_asked_again_after_a_pause(feeds):
    pauses = []
    result = harvest.harvest(
        f"{feeds}/flaky",
        limits=harvest.Limits(delay=0, backoff=0.01, retries=2),
        sleep=pauses.append,
    )
    assert result.ok, result.error
    assert result.requests == 2
    assert pauses == [0.01]
    assert names() == {"Grief circle"}


def test_retries_back_off_exponentially_within_a_bound(feeds):
    pauses = []
    limits = harvest.Limits(delay=0, backoff=1, max_backoff=3, retries=4)
    result = harvest.harvest(f"{feeds}/error", limits=limits, sleep=pauses.append)
    assert pauses == [1, 2, 3, 3]
    assert "tried 5 times" in result.error


def test_requests_are_spaced_by_the_delay(feeds):
    pauses = []
    limits = harvest.Limits(delay=5, retries=0)
    harvest.harvest(f"{feeds}/detailed", limits=limits, sleep=pauses.append)
    assert len(pauses) == 3
    assert all(4 < pause <= 5 for pause in pauses)


def test_an_answer_larger_than_the_limit_is_refused(feeds):
    limits = harvest.Limits(delay=0, retries=0, max_answer_bytes=100)
    result = harvest.harvest(f"{feeds}/many", limits=limits)
    url = f"{feeds}/many/services?per_page=100&full=true&page=1"
    assert result.error == f"{url}: the answer is larger than 100\xa0bytes."


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/api",
        "example.org",
        "http://[::1/api",
        "http://example.org:port/api",
        "https:///api",
    ],
)
def test_only_http_addresses_are_harvested(url):
    with pytest.raises(CommandError, match="is not the http:// or https:// address"):
        call_command("harvest_hsds", url)


def test_the_command_exits_non_zero_with_one_line_and_no_traceback(feeds, other_instance):
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "harvest_hsds", f"{feeds}/invalid", "--delay", "0"],
        cwd=ROOT,
        env=_environment(other_instance.database),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 1
    assert "Traceback" not in finished.stderr
    [line] = finished.stderr.strip().splitlines()
    assert line.startswith("CommandError: Harvest of ")
    assert "not valid JSON" in line


def test_feeds_are_due_after_their_interval_and_only_when_enabled():
    now = timezone.now()
    never = HarvestSource.objects.create(name="Never run", base_url="https://a.example/api")
    HarvestSource.objects.create(
        name="Just run", base_url="https://b.example/api", last_run_at=now - timedelta(hours=1)
    )
    old = HarvestSource.objects.create(
        name="Run yesterday",
        base_url="https://c.example/api",
        last_run_at=now - timedelta(hours=25),
    )
    HarvestSource.objects.create(name="Off", base_url="https://d.example/api", enabled=False)
    assert HarvestSource.objects.due(now) == [never, old]


def test_a_feed_another_process_has_started_is_not_harvested_twice():
    source = HarvestSource.objects.create(name="Slow", base_url="https://a.example/api")
    read_by_this_process = HarvestSource.objects.get(pk=source.pk)
    assert harvest.claim(source, timezone.now())
    assert not harvest.claim(read_by_this_process, timezone.now())
    assert HarvestSource.objects.due(timezone.now()) == []


def test_the_same_address_with_a_final_slash_is_refused_as_taken(curator_client):
    HarvestSource.objects.create(name="Other", base_url="https://a.example/api")
    response = curator_client.post(
        "/admin/resources/harvestsource/add/",
        {"name": "Again", "base_url": "https://a.example/api/", "interval_hours": "24"},
    )
    assert response.status_code == 200
    assert "already exists" in response.text
    assert HarvestSource.objects.count() == 1


def test_a_redirect_away_from_http_is_not_followed(feeds):
    result = harvest.harvest(f"{feeds}/to-ftp", limits=harvest.Limits(delay=0, retries=0))
    assert result.error.endswith(
        ": the server redirected to ftp://127.0.0.1/services, which is not http(s)."
    )


def test_at_verbosity_2_each_address_is_shown_as_it_is_asked(feeds, capsys):
    call_command("harvest_hsds", f"{feeds}/detailed", "--verbosity", "2", *FAST)
    asked = capsys.readouterr().err.splitlines()
    assert asked == [
        f"GET {feeds}/detailed/services?per_page=100&full=true&page=1",
        f"GET {feeds}/detailed/services?per_page=100&page=1",
        f"GET {feeds}/detailed/services/{GOOD['id']}",
        f"GET {feeds}/detailed/services/{GONE['id']}",
    ]


def test_with_nothing_due_the_timer_says_so_at_verbosity_2(capsys):
    call_command("harvest_hsds", "--due", "--verbosity", "2")
    assert capsys.readouterr().out == "No harvested feed is due.\n"
    call_command("harvest_hsds", "--due")
    assert capsys.readouterr().out == ""


def test_an_unexpected_failure_of_the_import_is_reported_and_logged(feeds, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("The database went away.")

    monkeypatch.setattr(harvest, "import_hsds", broken)
    source = HarvestSource.objects.create(name="Good", base_url=f"{feeds}/detailed")
    with pytest.raises(CommandError) as failure:
        call_command("harvest_hsds", "--source", "Good", *FAST)
    assert str(failure.value) == (
        f"Harvest of {feeds}/detailed failed: the import stopped on an unexpected error "
        "(RuntimeError); see the server's log. Nothing was written."
    )
    [record] = [r for r in caplog.records if r.name == "resources.hsds.harvest"]
    assert record.getMessage() == f"Importing the harvest of {feeds}/detailed failed"
    source.refresh_from_db()
    assert "unexpected error" in source.last_error

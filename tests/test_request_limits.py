"""Request bodies have a limit: a huge post is refused, unread, with a calm page."""

import io
import json
import socket
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources.models import ProblemReport, Suggestion
from tests.curation.conftest import suggestion_data
from tests.factories import make_service
from tests.gunicorn import HOST, running_gunicorn
from tests.test_settings import run_with_settings

# One worker runs the whole module, so that `production_server` is made once, not once a worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]

SUGGEST_URL = reverse("resources:suggest")
HSDS_URL = "/admin/hsds/"
MB = 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A body that fails the test if anything reads it."""

    def read(self, size=-1):
        pytest.fail("the body was read")


class EndlessBody(io.RawIOBase):
    """A chunked body that never ends, counting what is read of it."""

    def __init__(self):
        self.bytes_read = 0

    def read(self, size=-1):
        size = 64 * 1024 if size is None or size < 0 else size
        self.bytes_read += size
        return b"x" * size


def post_raw(client, url, body, content_length, **extra):
    # With no data of its own, the test client sets no Content-Type either.
    return client.generic(
        "POST",
        url,
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=content_length,
        **{"wsgi.input": body, **extra},
    )


def post_chunked(client, url, body):
    return post_raw(
        client,
        url,
        body,
        "",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input_terminated": True},
    )


def assert_refused_calmly(response):
    assert response.status_code == 413
    content = response.content.decode()
    assert "Your message was not sent" in content
    assert "larger than this site takes at once (1.0\xa0MB)" in content
    assert "988" in content  # The crisis line stays on the page.
    assert "camera=()" in response["Permissions-Policy"]


def test_a_100_mb_suggestion_is_refused_without_being_read(client):
    response = post_raw(client, SUGGEST_URL, UnreadableBody(), str(100 * MB))

    assert_refused_calmly(response)
    assert not Suggestion.objects.exists()


def test_a_suggestion_carrying_a_big_file_is_refused(client):
    attachment = SimpleUploadedFile("big.bin", b"x" * (2 * MB), "application/octet-stream")

    response = client.post(SUGGEST_URL, {**suggestion_data(), "attachment": attachment})

    assert_refused_calmly(response)
    assert not Suggestion.objects.exists()


def test_a_huge_problem_report_is_refused(client):
    service = make_service()
    url = reverse("resources:report_problem", args=[service.slug])

    response = post_raw(client, url, UnreadableBody(), str(100 * MB))

    assert_refused_calmly(response)
    assert not ProblemReport.objects.exists()


def test_a_chunked_body_is_read_only_up_to_the_limit(client):
    body = EndlessBody()

    response = post_chunked(client, SUGGEST_URL, body)

    assert_refused_calmly(response)
    assert body.bytes_read == 1 * MB + 1
    assert not Suggestion.objects.exists()


def test_a_chunked_suggestion_within_the_limit_is_stored(client):
    body = urlencode(suggestion_data(), doseq=True).encode()

    response = post_chunked(client, SUGGEST_URL, io.BytesIO(body))

    assert response.status_code == 302
    assert Suggestion.objects.get().name == "Thursday Hearing Voices Group"


def test_the_longest_suggestion_a_person_can_write_is_well_within_the_limit(client):
    longest = suggestion_data(
        name="😀" * 200,
        organization_name="😀" * 200,
        description="😀" * 4000,
        address="😀" * 200,
        city="😀" * 100,
        when="😀" * 4000,
    )

    assert len(urlencode(longest, doseq=True)) < 150 * 1024
    assert client.post(SUGGEST_URL, longest).status_code == 302


def test_the_limit_is_a_setting(client, settings):
    settings.REQUEST_MAX_BYTES = 512

    response = client.post(SUGGEST_URL, suggestion_data(description="A long one. " * 100))

    assert response.status_code == 413
    assert "(512\xa0bytes)" in response.content.decode()


def test_the_curators_hsds_upload_may_be_much_bigger(curator_client, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.REQUEST_MAX_BYTES = 1024
    service = {
        "id": "1b8f2c4d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
        "name": "Grief circle",
        "description": "A circle. " * 500,
        "status": "active",
        "organization": {"id": "7d0a3c9e-2f4b-4c55-9f0e-1a2b3c4d5e6f", "name": "Hope Centre"},
    }
    upload = SimpleUploadedFile("services.json", json.dumps(service).encode(), "application/json")

    response = curator_client.post(HSDS_URL, {"file": upload}, follow=True)

    assert response.status_code == 200
    assert response.context["report"].ok


def test_the_hsds_upload_has_its_own_limit(curator_client, settings):
    settings.HSDS_UPLOAD_MAX_BYTES = 10 * MB

    response = post_raw(curator_client, HSDS_URL, UnreadableBody(), str(11 * MB))

    assert response.status_code == 413
    assert "(10.0\xa0MB)" in response.content.decode()


def test_the_limits_come_from_the_environment():
    result = run_with_settings(
        "from django.conf import settings as s; print(s.REQUEST_MAX_BYTES, "
        "s.DATA_UPLOAD_MAX_MEMORY_SIZE, s.HSDS_UPLOAD_MAX_BYTES, s.FILE_UPLOAD_MAX_MEMORY_SIZE, "
        "s.DATA_UPLOAD_MAX_NUMBER_FIELDS, s.DATA_UPLOAD_MAX_NUMBER_FILES)",
        DEBUG="true",
        REQUEST_MAX_KB="64",
        HSDS_UPLOAD_MAX_MB="30",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        str(64 * 1024),
        str(64 * 1024),
        str(30 * MB),
        str(2_621_440),
        "1000",
        "1",
    ]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """gunicorn with DEBUG off, its pages' static files collected as in production."""
    folder = tmp_path_factory.mktemp("gunicorn")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STATIC_ROOT", str(folder / "static"))
        collected = run_with_settings(
            "import django; django.setup(); from django.core.management import call_command; "
            "call_command('collectstatic', interactive=False, verbosity=0)",
            SECRET_KEY="a-test-only-secret-key-long-enough-for-django-checks-0123456789",
        )
        assert collected.returncode == 0, collected.stderr
        url = f"sqlite:///{folder / 'unused.sqlite3'}"
        with running_gunicorn(folder, database_url=url) as server:
            yield server


def test_gunicorn_answers_a_100_mb_post_before_it_is_sent(production_server):
    with socket.create_connection((HOST, production_server.port), timeout=10) as raw:
        raw.sendall(
            f"POST {SUGGEST_URL} HTTP/1.1\r\nHost: {HOST}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {100 * MB}\r\n\r\n".encode()
            + b"name="
            + b"x" * 1024
        )
        answer = read_answer(raw)

    assert answer.startswith("HTTP/1.1 413 ")
    assert "larger than this site takes at once" in answer


def test_gunicorn_stops_reading_a_chunked_post_at_the_limit(production_server):
    chunk = b"x" * (64 * 1024)
    with socket.create_connection((HOST, production_server.port), timeout=10) as raw:
        raw.sendall(
            f"POST {SUGGEST_URL} HTTP/1.1\r\nHost: {HOST}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        for _ in range(17):  # 1 MB and 64 KB more.
            raw.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        answer = read_answer(raw)

    assert answer.startswith("HTTP/1.1 413 ")


def read_answer(raw):
    answer = b""
    while b"</html>" not in answer and (part := raw.recv(64 * 1024)):
        answer += part
    return answer.decode(errors="replace")

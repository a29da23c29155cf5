"""Nothing tracks a visitor: no cookies, nothing from other hosts, no search terms in logs."""

import http.client
import logging
import re
import socket

import pytest
from django.urls import reverse

from supportdir.log_filters import DropQueryStrings
from tests.factories import make_service
from tests.gunicorn import HOST, running_gunicorn

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls():
    service = make_service()
    return [
        reverse("resources:home"),
        reverse("resources:kind_of_support", args=["emotional"]),
        service.get_absolute_url(),
        "/services/missing/",
    ]


def test_anonymous_pages_set_no_cookies(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.cookies == {}, url


def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get(reverse("resources:home"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_pages_send_no_address_to_other_sites_and_cannot_be_framed(client, public_urls):
    for url in [*public_urls, reverse("api:services"), reverse("admin:login")]:
        response = client.get(url)
        assert response["Referrer-Policy"] == "same-origin", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


def test_pages_have_no_inline_scripts_styles_or_handlers_and_nothing_from_other_hosts(
    client, public_urls
):
    for url in public_urls:
        page = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
        assert "<style" not in page, url
        assert not re.search(r"\sstyle=", page), url
        assert not re.search(r"\son[a-z]+=", page), url
        # Only the page's own host may be named in full (its hreflang alternates must be).
        assert not re.search(
            r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*(?:src|href)="(?:https?:)?//'
            r"(?!testserver/)",
            page,
        ), url


def test_request_lines_in_the_server_log_keep_no_query_string():
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        ("GET /search/?q=suicidal&near=53703 HTTP/1.1", "200", "1234"), None,
    )  # fmt: skip
    DropQueryStrings().filter(record)
    line = record.getMessage()
    assert "suicidal" not in line
    assert "53703" not in line
    assert "GET /search/?… HTTP/1.1" in line


def test_gunicorn_logs_keep_no_query_string(tmp_path):
    url = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    with running_gunicorn(tmp_path, database_url=url) as server:
        for path in ("/api/?search=suicidal&postcode=53703", "/api/nowhere?q=suicidal"):
            connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
            connection.request("GET", path, headers={"Referer": "/search/?q=suicidal"})
            connection.getresponse().read()
            connection.close()
        # A request line with spaces in its query: gunicorn refuses it and says why in its log.
        with socket.create_connection((HOST, server.port), timeout=10) as raw:
            raw.sendall(b"GET /search/?q=suicidal thoughts HTTP/1.1\r\nHost: x\r\n\r\n")
            raw.recv(1024)
    logs = server.logs()
    assert '"GET /api/ HTTP/1.1" 200' in logs
    assert '"GET /api/nowhere HTTP/1.1" 404' in logs
    assert "Invalid request" in logs
    for secret in ("suicidal", "53703", "thoughts"):
        assert secret not in logs

"""Whatever a visitor or a program sends, the site answers calmly: never a 500.

Property-based (hypothesis) over every public address and parameter: the search and browse
pages' filters, every API parameter, and the two public forms (suggest a service, report a
problem). Values are any text, NUL characters, lone surrogates, invalid UTF-8 (percent-encoded or
raw bytes), huge values and keys repeated many times. tests/api/test_openapi_property_based.py
already checks the API against its OpenAPI description with schemathesis; this module sends what
a description cannot express: repeated keys, raw bytes, broken encodings, unknown addresses.

The answer must be one a client can act on (200, 302, 400, 404, 405, 413 or 414), and a refused
post stores nothing. `PROPERTY_EXAMPLES` (default 60) sets how many examples each test tries:
`PROPERTY_EXAMPLES=2000 pytest tests/test_any_input.py` for a long hunt.
"""

import os
from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources.api.views import LIST_PARAMS
from resources.hsds.params import PARSERS
from resources.models import ProblemReport, Suggestion
from resources.public.forms import ProblemReportForm, SuggestionForm
from resources.search.filters import ApiServiceFilterSet, ServiceFilterSet
from tests.api.conftest import make_rich_service
from tests.curation.conftest import report_data, suggestion_data

pytestmark = pytest.mark.django_db

CALM = {200, 302, 400, 404, 405, 413, 414}
EXAMPLES = settings(
    max_examples=int(os.environ.get("PROPERTY_EXAMPLES", "60")),
    deadline=None,
    # Nothing is written to .hypothesis/: a failure prints the example and its reproduce blob.
    database=None,
    print_blob=True,
    # The service and its records are made once per test; every example only reads them, and the
    # forms' examples count rows before and after.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

PAGE_PARAMETERS = sorted({*ServiceFilterSet.base_filters, "q", "near", "distance", "sort", "page"})
API_PARAMETERS = sorted(
    {*PARSERS, *ApiServiceFilterSet.base_filters, *LIST_PARAMS, "proximity", "id"}
)
SLUG = "grief-circle"

# Values a real client sends, and the edges of each parser: kept so that examples reach past
# the first check of a parameter into the filters and the queries behind them.
MEANINGFUL = [
    "",
    "emotional",
    "coping",
    "grief",
    "free",
    "online",
    "es",
    "en",
    "53703",
    "Madison, WI",
    "43.07,-89.38",
    "-91,181",
    "nan,nan",
    "inf,-inf",
    "1e308,1e308",
    "true",
    "false",
    "1",
    "0",
    "-1",
    "ndjson",
    "json",
    "relevance",
    "name",
    "verified",
    "distance",
    "nan",
    "inf",
    "-inf",
    "1e309",
    "-0",
    "0x10",
    "1_000",
    "٣",
    "9" * 5000,
    "2026-01-31T12:00:00Z",
    "2026-01-31T12:00:00+23:59",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "2026-02-30",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "{00000000-0000-0000-0000-000000000000}",
    '"a phrase',
    "-",
    "- - or or",
    "or",
    "quiero morir",
    "I want to die",
    "ansiedad",
    "%",
    "\\",
    "'",
    "*",
    ":",
    "&",
    "(",
    "<script>",
    # Search syntax of FTS5 and of PostgreSQL's tsquery.
    "NEAR(a b)",
    "a*",
    "^a",
    "name:x",
    '""',
    "AND",
    "NOT",
    "!",
    "a <-> b",
    "a:*",
    "a | b & !c",
    # Places and radii at the edges.
    "0,0",
    "90,180",
    "-90,-180",
    "1e400,5",
    "0.0000001",
    "1e-320",
    "250",
    "500000",
    # Web and email addresses of the forms.
    "https://[",
    "http://[::1",
    "https://xn--.com",
    "https://😀.example",
    "https://example.org/" + "a" * 5000,
    "x@" + "a" * 300 + ".com",
    "a@b",
]

# Any character, lone surrogates and NUL included.
any_char = st.characters(exclude_categories=())
any_text = st.text(any_char, max_size=60)
lone_surrogates = st.text(st.characters(categories=["Cs"]), min_size=1, max_size=4)
huge = st.builds(
    lambda char, size: char * size, st.sampled_from("a9é😀 \x00%"), st.integers(1, 9000)
)
text_values = st.one_of(
    st.sampled_from(MEANINGFUL),
    any_text,
    lone_surrogates,
    huge,
    st.builds("".join, st.lists(st.sampled_from(MEANINGFUL) | any_text, max_size=4)),
)


def _percent(text):
    """Percent-encoded UTF-8; a lone surrogate becomes its three bytes, invalid UTF-8."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


@st.composite
def encoded(draw, text):
    """One name or value as it travels in a query string or form body: percent-encoded, sent as
    raw bytes (latin-1, as WSGI carries them), or as bytes that are not UTF-8 at all."""
    how = draw(st.sampled_from(["percent", "percent", "raw", "bytes"]))
    if how == "percent":
        return _percent(text).encode("ascii")
    if how == "raw":
        return text.encode("utf-8", "surrogatepass")
    return (
        draw(st.binary(max_size=40)) if draw(st.booleans()) else quote(draw(st.binary())).encode()
    )


@st.composite
def query_strings(draw, names):
    """A query string of known and unknown parameters, any of them repeated."""
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        name = draw(st.sampled_from(names) | any_text)
        value = draw(text_values)
        # Over Django's 1,000 fields (DATA_UPLOAD_MAX_NUMBER_FIELDS) now and then, not so often
        # that most examples stop there.
        times = draw(st.sampled_from([1] * 12 + [2, 3, 25, 400, 1500]))
        part = draw(encoded(name)) + b"=" + draw(encoded(value))
        parts.extend([part] * times)
        if draw(st.booleans()):
            # A name with no "=", or an empty pair.
            parts.append(draw(st.sampled_from([b"", b"=", draw(encoded(name))])))
    return b"&".join(parts)


def _get(client, path, query):
    # WSGI carries the query string as its bytes read as latin-1; Django decodes it from there.
    return client.get(path, QUERY_STRING=query.decode("latin-1"))


def _assert_calm(response, what):
    assert response.status_code in CALM, f"{what} → {response.status_code}"


@pytest.fixture(autouse=True)
def _empty_cache():
    # The search cache and the forms' rate-limit counters: every test starts without them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def service():
    return make_rich_service(name="Grief circle", slug=SLUG)


def page_paths():
    return [
        "/",
        "/search/",
        "/support/emotional/",
        "/topics/grief/",
        "/choose/",
        "/choose/results/",
        "/guides/",
        "/guides/when-it-feels-like-you-have-no-one/",
        f"/services/{SLUG}/",
        f"/services/{SLUG}/meetings.ics",
        f"/services/{SLUG}/report/",
        f"/services/{SLUG}/report/thanks/",
        "/suggest/",
        "/suggest/thanks/",
        "/healthz",
        "/api/docs/",
    ]


def api_paths(service):
    location = service.service_at_locations.get()
    term = service.terms.first()
    return [
        "/api/",
        "/api/openapi.json",
        "/api/services",
        f"/api/services/{service.pk}",
        "/api/organizations",
        f"/api/organizations/{service.organization_id}",
        "/api/taxonomies",
        f"/api/taxonomies/{term.taxonomy_id}",
        "/api/taxonomy_terms",
        f"/api/taxonomy_terms/{term.pk}",
        "/api/service_at_locations",
        f"/api/service_at_locations/{location.pk}",
    ]


@EXAMPLES
@given(data=st.data())
def test_any_query_of_any_page_is_answered_calmly(client, service, data):
    path = data.draw(st.sampled_from(page_paths()), label="path")
    query = data.draw(query_strings(PAGE_PARAMETERS), label="query")

    _assert_calm(_get(client, path, query), f"{path}?{query!r}")


@EXAMPLES
@given(data=st.data())
def test_any_query_of_any_api_address_is_answered_calmly(client, service, data):
    path = data.draw(st.sampled_from(api_paths(service)), label="path")
    query = data.draw(query_strings(API_PARAMETERS), label="query")

    _assert_calm(_get(client, path, query), f"{path}?{query!r}")


PATH_TEMPLATES = [
    "/support/{}/",
    "/topics/{}/",
    "/guides/{}/",
    "/services/{}/",
    "/services/{}/meetings.ics",
    "/services/{}/report/",
    "/services/{}/report/thanks/",
    "/api/services/{}",
    "/api/organizations/{}",
    "/api/taxonomies/{}",
    "/api/taxonomy_terms/{}",
    "/api/service_at_locations/{}",
    "/api/{}",
    "/{}",
]


@EXAMPLES
@given(template=st.sampled_from(PATH_TEMPLATES), segment=text_values, data=st.data())
def test_any_address_under_the_public_paths_is_answered_calmly(
    client, service, template, segment, data
):
    keep_slashes = data.draw(st.booleans(), label="slashes kept")
    # The test client unquotes the path to its bytes, as a server does: invalid UTF-8 included.
    encoded_segment = quote(
        segment.encode("utf-8", "surrogatepass"), safe="/" if keep_slashes else ""
    )
    path = template.format(encoded_segment or "x")

    _assert_calm(client.get(path), path)


@EXAMPLES
@given(
    path=st.sampled_from([*PATH_TEMPLATES[:6], "/search/", "/", "/api/services"]),
    method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "BREW"]),
)
def test_any_method_on_a_reading_address_is_answered_calmly(client, service, path, method):
    path = path.format(SLUG)

    response = client.generic(
        method, path, b"q=x", content_type="application/x-www-form-urlencoded"
    )

    # OPTIONS of the API is its CORS preflight (204).
    assert response.status_code in CALM | {204}, f"{method} {path} → {response.status_code}"


@st.composite
def form_bodies(draw, valid, fields):
    """A form body: the valid post, some of its fields replaced by anything, dropped or repeated,
    encoded in any of the ways above; sometimes bytes that are no form at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    chosen = dict(valid)
    for name in draw(st.lists(st.sampled_from(fields), max_size=len(fields), unique=True)):
        action = draw(st.sampled_from(["replace", "replace", "replace", "drop", "repeat"]))
        if action == "drop":
            chosen.pop(name, None)
        elif action == "repeat":
            chosen[name] = [*_as_list(chosen.get(name, "")), draw(text_values)]
        else:
            chosen[name] = draw(text_values)
    if draw(st.booleans()):
        chosen[draw(any_text)] = draw(text_values)
    parts = []
    for name, values in chosen.items():
        for value in _as_list(values):
            parts.append(draw(encoded(name)) + b"=" + draw(encoded(value)))
    return b"&".join(parts)


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _post(client, path, body):
    content_type = "application/x-www-form-urlencoded"
    return client.post(path, body, content_type=content_type)


# The public forms: the data a person sends, the form, what it stores, where it is posted.
PUBLIC_FORMS = {
    "suggestion": (suggestion_data, SuggestionForm, Suggestion, "/suggest/"),
    "problem report": (report_data, ProblemReportForm, ProblemReport, f"/services/{SLUG}/report/"),
}


@pytest.mark.parametrize("form_name", PUBLIC_FORMS)
@EXAMPLES
@given(data=st.data())
def test_any_public_form_is_stored_whole_or_not_at_all(client, service, data, form_name):
    # The form's clock starts a minute ago in every example, as a person's would.
    sent_data, form, model, path = PUBLIC_FORMS[form_name]
    body = data.draw(form_bodies(sent_data(), sorted(form.base_fields)))
    cache.clear()
    before = model.objects.count()

    response = _post(client, path, body)

    _assert_calm(response, f"POST {path} {body[:300]!r}")
    stored = model.objects.count() - before
    assert stored == (1 if response.status_code == 302 else 0)


def test_a_valid_suggestion_and_report_still_go_through(client, service):
    """The strategies above start from these posts: they must be accepted as they are."""
    assert _post(client, "/suggest/", _form_body(suggestion_data())).status_code == 302
    report = _post(client, f"/services/{SLUG}/report/", _form_body(report_data()))
    assert report.status_code == 302
    assert Suggestion.objects.count() == ProblemReport.objects.count() == 1


def _form_body(data):
    return "&".join(
        f"{_percent(name)}={_percent(str(value))}"
        for name, values in data.items()
        for value in _as_list(values)
    ).encode()

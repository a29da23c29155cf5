import gc
import os
import shutil
from importlib.metadata import version

import pytest
import redis
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection
from django.test import TransactionTestCase
from django.urls import reverse
from django.utils import translation

from resources.models import CrisisPhrase, Place, Taxonomy, TaxonomyTerm
from resources.search import index
from resources.search.crisis import seed_crisis_phrases
from resources.vocabulary import seed_vocabulary
from tests.database_copies import SQLiteCopy, copy_of_the_database
from tests.factories import make_madison
from tests.requests_in_flight import RequestsInFlight

# A database number of its own, so tests never touch a developer's cached data.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")

# Chromium keeps only the last --disable-features switch of its command line, and Playwright
# passes one of its own first: ours repeats Playwright's list (its chromiumSwitches.ts, in the
# version pinned in pyproject.toml) and adds the address bar's popup, which `chromium --headless`
# builds as a web page of its own for each new window: that page took a third of Chromium's CPU
# (and as much again in its browser process), and no test looks at it. (The headless shell,
# which the tests take when it is installed, has no address bar; these cost it nothing.)
PLAYWRIGHT_VERSION = "1.65.2"
PLAYWRIGHT_DISABLED_FEATURES = [
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
]
CHROMIUM_DISABLED_FEATURES = [
    *PLAYWRIGHT_DISABLED_FEATURES,
    "WebUIOmniboxPopup",
    "WebUIOmniboxAimPopup",
]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-quic",
    "--disable-sync",
    "--no-first-run",
    f"--disable-features={','.join(CHROMIUM_DISABLED_FEATURES)}",
]


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run when the suite runs on PostgreSQL, and tests marked `sqlite`
    when it runs on SQLite.

    Elsewhere they are skipped on a laptop; in CI they are deselected, since .ci/run runs the
    same suite on both databases, and each must run on its own.
    """
    other = "sqlite" if connection.vendor == "postgresql" else "postgres"
    elsewhere = [item for item in items if item.get_closest_marker(other)]
    if not elsewhere:
        return
    if os.environ.get("CI", "").lower() in {"1", "true"}:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if not item.get_closest_marker(other)]
        return
    reason = (
        "needs SQLite: run without DATABASE_URL"
        if other == "sqlite"
        else "needs PostgreSQL: set DATABASE_URL=postgres://..."
    )
    skip = pytest.mark.skip(reason=reason)
    for item in elsewhere:
        item.add_marker(skip)


def pytest_collection_finish(session):
    """What the worker has made by now (Django, the project, the collected tests: some 280,000
    objects) lives as long as the worker: frozen, the garbage collector's full passes no longer
    walk it, and those passes come a tenth as often. Each full pass took about half a second on
    this 2-core machine, twenty times a run; the collector's time in a PostgreSQL run fell from
    about 14 s to about 7 s a worker. (Runs in each xdist worker, or in pytest's one process.)"""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 100)


def skip_unless_ci(reason):
    """Skip on a laptop that lacks something; in CI (CI=true) the same lack is a failure."""
    if os.environ.get("CI", "").lower() in {"1", "true"}:
        pytest.fail(f"{reason} (in CI this fails instead of skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def redis_url():
    """The tests' Redis database, skipped (failed in CI) when no Redis answers."""
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        skip_unless_ci(f"Redis is not running at {TEST_REDIS_URL} (set TEST_REDIS_URL)")
    return TEST_REDIS_URL


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _two_factor_relaxed(settings):
    """Curators sign in with a password alone, as with DEBUG on; tests/test_sign_in.py turns
    the second factor on where it tests it."""
    settings.REQUIRE_TWO_FACTOR = False


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks (the admin's imports) run inside the request that enqueues them, so a
    test sees their outcome at once; tests/test_admin_import_jobs.py also runs the real worker."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session", autouse=True)
def _postgresql_empties_tables_with_delete():
    """A flush (`manage.py flush`, which tests of dumps run as the README says) is on PostgreSQL
    one TRUNCATE of every table: two or three seconds each time, as it makes new files for each
    table and index. The few rows a test leaves go as quickly with DELETE, in the same
    transaction, and the sequences start again from 1 as RESTART IDENTITY would have them; the
    foreign keys Django makes are checked at commit, when every table is empty. (CASCADE, which
    no test asks for, still truncates.)"""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if allow_cascade or not tables:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        statements = [
            f"{style.SQL_KEYWORD('DELETE FROM')} {self.quote_name(table)};" for table in tables
        ]
        if reset_sequences:
            owners = ", ".join(f"'{self.quote_name(table)}'::regclass" for table in tables)
            # Django's own table names, quoted.
            statements.append(
                "SELECT setval(sequence.oid::regclass, 1, false) FROM pg_class AS sequence"  # noqa: S608
                " JOIN pg_depend AS owned ON owned.objid = sequence.oid"
                " AND owned.deptype IN ('a', 'i')"
                f" WHERE sequence.relkind = 'S' AND owned.refobjid IN ({owners});"
            )
        return statements

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


# This worker's test database as migrations left it: what each transactional test ends with, and
# on SQLite (the suite's in-memory database) the file another instance of the app starts from
# (tests/test_harvest.py).
_freshly_migrated = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, and a copy of the default one as migrations left it.

    A PostgreSQL test database does not wait for the disk at each commit (every connection to
    it, the test servers' included): a test database is thrown away, and on a busy machine those
    waits took a third of the wall time of the transactional tests.
    """
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER DATABASE {name} SET synchronous_commit = off")
            connection.close()
        copy = copy_of_the_database()
        if copy is not None:
            _freshly_migrated["copy"] = copy


@pytest.fixture(scope="session", autouse=True)
def _transactional_tests_end_as_migrated():
    """A transactional test ends with a flush, and the flush's post_migrate signal makes the
    content types and permissions again: a few hundred inserts after every such test (a third of
    a second on SQLite). Putting the freshly migrated copy back instead empties the tables and
    leaves the database as migrations made it, vocabulary included, in milliseconds on SQLite and
    in one round of COPY on PostgreSQL. Other databases (and a database that could not be
    copied) are flushed as Django does."""
    flush = TransactionTestCase._fixture_teardown

    def restore_the_migrated_database(test_case):
        copy = _freshly_migrated.get("copy")
        if copy is None or list(test_case._databases_names(include_mirrors=False)) != [
            DEFAULT_DB_ALIAS
        ]:
            return flush(test_case)
        copy.restore()
        # The rows are the copy's: content types' ids may not be those the cache remembers.
        ContentType.objects.clear_cache()

    TransactionTestCase._fixture_teardown = restore_the_migrated_database
    yield
    TransactionTestCase._fixture_teardown = flush


def write_freshly_migrated_sqlite(path):
    """Write this worker's freshly migrated SQLite database to `path`: True if there is one to
    write (the suite runs on SQLite), else False and the caller runs `migrate` itself."""
    if not isinstance(_freshly_migrated.get("copy"), SQLiteCopy):
        return False
    _freshly_migrated["copy"].write_to(path)
    return True


@pytest.fixture(scope="session")
def _worker_data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("data")


@pytest.fixture(autouse=True)
def _data_dir_of_its_own(settings, _worker_data_dir):
    """Uploads and imports' progress files go to a folder of this test worker's, not to the
    checkout's data/, which the other workers (and `make run`) use at the same time: import job
    1 of one worker's database is not job 1 of another's."""
    settings.DATA_DIR = _worker_data_dir


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a new deployment does: what pages kept in one
    test, under a version its rolled-back writes had moved on, must not answer the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in English, as a request to an unprefixed address does: a request to
    /es/... leaves Spanish active in the thread after it, and reverse() would then give the
    next test /es/ addresses."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def curator(db):
    """A staff member with every permission of the directory, as `make run` creates."""
    return get_user_model().objects.create_superuser(
        username="curator", email="curator@example.org", password="a-long-test-password"
    )


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; Playwright's own browser download is not used.

    Its headless shell (Debian's chromium-headless-shell, the build Playwright itself runs
    headless) where it is installed: the same Blink without the full browser's windows, tab
    strip and toolbar, which it lays out and paints unseen for every page; its browser process
    used about a third of the CPU that `chromium --headless` used for the same pages.
    """
    executable = (
        shutil.which("chromium-headless-shell")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not executable:
        skip_unless_ci(
            "Chromium is not installed (Debian: apt-get install chromium-headless-shell)"
        )
    if (installed := version("playwright")) != PLAYWRIGHT_VERSION:
        pytest.fail(
            f"Playwright {installed} is installed; PLAYWRIGHT_DISABLED_FEATURES in "
            f"tests/conftest.py is {PLAYWRIGHT_VERSION}'s: read the new version's list in its "
            "chromiumSwitches.ts and change PLAYWRIGHT_VERSION",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls the
    # tests make around it are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, counting the requests it is answering (requests_in_flight)."""
    server = live_server.thread.httpd
    live_server.requests_in_flight = RequestsInFlight(server.get_app())
    server.set_app(live_server.requests_in_flight)
    return live_server


@pytest.fixture(autouse=True)
def _live_server_answers_before_the_test_ends(request):
    """A test that used the live server ends once the server has answered every request, before
    its database is put back for the next test (tests/requests_in_flight.py). pytest-django's
    own live-server fixture, which sets up the transactional database first, tears it down
    after this one."""
    if "live_server" not in request.fixturenames:
        yield
        return
    server = request.getfixturevalue("live_server")
    yield
    assert server.requests_in_flight.wait_until_idle(timeout=10), (
        "the live server was still answering a request 10 s after the test ended"
    )


@pytest.fixture(scope="session")
def _phone_context(chromium, live_server):
    """The browser context the tests' pages open in, one a worker: making and closing a context
    for each test cost Chromium and Playwright about 0.6 s of CPU. Between tests its cookies
    and permissions are cleared (browser_page); the site keeps nothing else in a browser (no
    web storage, and its pages are not cached). Tests that need other settings (no JavaScript,
    another language, a location) make a context of their own."""
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    yield context
    context.close()


@pytest.fixture
def browser_page(_phone_context):
    """A fresh page at phone size, with no cookies, that records console errors (CSP violations
    among them)."""
    _phone_context.clear_cookies()
    _phone_context.clear_permissions()
    page = _phone_context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    page.close()


@pytest.fixture
def refreshes(monkeypatch):
    """The sets of services whose search documents are rebuilt from now on, one set a refresh."""
    calls = []
    rebuild = index.refresh_search_index

    def spy(service_ids=None, service_model=None, **options):
        calls.append(set(service_ids))
        return rebuild(service_ids, service_model, **options)

    monkeypatch.setattr(index, "refresh_search_index", spy)
    return calls


@pytest.fixture
def committed_vocabulary(transactional_db):
    """For tests whose data other connections must see (a server process, a replica): the
    database commits. A transactional test ends with the migrated database put back, vocabulary
    included; where no copy of it could be taken (a test database in a file) Django's flush
    empties it instead, migration data included, so the vocabulary is seeded (again) first."""
    seed_vocabulary(Taxonomy, TaxonomyTerm)


# The test database as this worker's first `sample_directory` left it (tests/database_copies.py).
_sample_directory_copy = {}


@pytest.fixture
def sample_directory(transactional_db):
    """The sample directory, for tests that serve pages to a real browser.

    The vocabulary and crisis phrases are seeded again first, for databases that Django's flush
    emptied (see committed_vocabulary); elsewhere that changes nothing. (Serialized rollback
    cannot restore them: Playwright's sync API runs tests in a greenlet, which sees a different
    database connection object.)

    The first test of a worker loads it, and a copy of the database is taken; the next tests get
    that copy back in a few milliseconds instead of loading it again for a second or more.
    """
    if "copy" in _sample_directory_copy:
        _sample_directory_copy["copy"].restore()
        # The rows are the copy's: content types' ids may not be those the cache remembers.
        ContentType.objects.clear_cache()
        return
    seed_vocabulary(Taxonomy, TaxonomyTerm)
    seed_crisis_phrases(CrisisPhrase)
    call_command("load_sample_data", verbosity=0)
    copy = copy_of_the_database()
    if copy is not None:
        _sample_directory_copy["copy"] = copy


@pytest.fixture
def madison(db):
    """Madison, Wisconsin (53703), the place the "near" tests measure from."""
    return make_madison()


@pytest.fixture
def madison_zip_codes(db):
    """Madison, WI's ZIP codes 53703 and 53711 in the gazetteer, and the other Madison (AL)."""
    for postcode, latitude, longitude in [
        ("53703", 43.0775, -89.3831),
        ("53711", 43.0352, -89.4521),
    ]:
        Place.objects.create(
            country="US", postcode=postcode, name="Madison", region="WI",
            county="Dane County", latitude=latitude, longitude=longitude,
        )  # fmt: skip
    Place.objects.create(
        country="US", postcode="35756", name="Madison", region="AL", county="Madison County",
        latitude=34.6993, longitude=-86.7483,
    )  # fmt: skip


# The admin's pages and its service form, used by the tests in tests/admin/ and by others that
# save a service through the admin.


def admin_url(model, page, obj=None):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
    return reverse(name, args=[obj.pk] if obj is not None else [])


INLINE_PREFIXES = [
    "service_at_locations",
    "phones",
    "schedules",
    "languages",
    "service_areas",
    "contacts",
    "cost_options",
    "required_documents",
    "funding",
]


def service_form_data(service, **overrides):
    """Everything the service change form posts, with no inline rows."""
    data = {
        "name": service.name,
        "alternate_name": service.alternate_name,
        "slug": service.slug,
        "organization": service.organization_id,
        "status": service.status,
        "description": service.description,
        "alert": "",
        "eligibility_description": "",
        "minimum_age": "",
        "maximum_age": "",
        "fees_description": "",
        "application_process": "",
        "url": "",
        "email": "",
        "loaded_version": service.version,
        "_save": "Save",
    }
    for prefix in INLINE_PREFIXES:
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(overrides)
    return data


def assert_saved(response):
    if response.status_code != 302:
        form = response.context["adminform"].form
        pytest.fail(f"The form did not save: {form.errors} {response.context['errors']}")

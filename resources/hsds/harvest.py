"""Harvest another directory's HSDS 3.0 API: fetch its services, then import them in one go.

`harvest(url, since=…, dry_run=…)` walks `/services?full=true` page by page; when the feed does
not give full services (a 400 for `full`, or pages without any of a full service's lists) it
walks `/services` and asks `/services/{id}` for each. `modified_after` asks only for what changed
since `since`. Everything is fetched first and only then imported, by the importer that reads
files (resources.hsds.importer, so the same checks hold): the services go to a temporary JSON
file. A feed that fails anywhere gives a HarvestError with one sentence, and nothing is written.

Politeness and bounds (Limits): a timeout on each request, retries with exponential backoff on
timeouts, dropped connections, 429 and 5xx answers (a Retry-After is honoured up to the longest
backoff), a pause between requests, and caps on pages, on one answer's size and on the whole
feed's. Paging loops (a page that gives its own page again, or a page number other than the one
asked for) are noticed by the ids each page holds.

`run_source(source)` harvests a configured HarvestSource and records how it went on it.
"""

import dataclasses
import http.client
import json
import logging
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.tasks import task
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from resources.hsds.importer import FULL_RIGHTS, import_hsds
from resources.models import HarvestSource

logger = logging.getLogger(__name__)

USER_AGENT = "supportdir-harvest/1 (Open Referral HSDS 3.0)"
# A full service has at least one of these lists; a brief one (service_list) has none.
FULL_SERVICE_LISTS = frozenset(
    {
        "phones",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "attributes",
        "contacts",
        "funding",
        "cost_options",
        "required_documents",
        "capacities",
    }
)
RETRIED_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Another server's clock and the moment its transaction committed may lag ours: the next run asks
# again for what changed a little before the last one started. Importing a service twice changes
# nothing.
OVERLAP = timedelta(minutes=10)
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    timeout: float = 20.0  # seconds to connect, and between two reads of an answer
    answer_seconds: float = 120.0  # one whole answer, however it trickles in
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    max_backoff: float = 60.0
    delay: float = 0.5  # seconds between two requests at least
    per_page: int = 100
    max_pages: int = 1000
    max_answer_bytes: int = 20 * MB
    max_total_bytes: int = 200 * MB


class HarvestError(Exception):
    """A feed we cannot take, in one sentence; `status` is the HTTP status when one caused it."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class _Refused(Exception):
    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class _Retry(Exception):
    def __init__(self, message, status=None, wait=None):
        super().__init__(message)
        self.status = status
        self.wait = wait


class _HttpRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only (urllib's own would follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in {"http", "https"}:
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


OPENER = urllib.request.build_opener(_HttpRedirects)


class Client:
    """GETs JSON from one API, politely and within the limits."""

    def __init__(self, base_url, limits, *, sleep=time.sleep, clock=time.monotonic, progress=None):
        self.base_url = base_url.rstrip("/")
        self.progress = progress
        self.limits = limits
        self.sleep = sleep
        self.clock = clock
        self.requests = 0
        self.received = 0
        self._last_request = None

    def url(self, path, params=None):
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        return f"{self.base_url}/{path}{query}"

    def get(self, path, params=None):
        url = self.url(path, params)
        limits = self.limits
        for attempt in range(limits.retries + 1):
            self._wait_turn()
            if self.progress is not None:
                self.progress(url)
            try:
                return self._get_once(url)
            except _Refused as problem:
                raise HarvestError(
                    _("%(url)s: %(problem)s.") % {"url": url, "problem": problem}, problem.status
                ) from None
            except _Retry as problem:
                if attempt == limits.retries:
                    tries = limits.retries + 1
                    raise HarvestError(
                        _("%(url)s: %(problem)s (tried %(tries)d times).")
                        % {"url": url, "problem": problem, "tries": tries},
                        problem.status,
                    ) from None
                wait = min(limits.backoff * 2**attempt, limits.max_backoff)
                if problem.wait is not None:
                    wait = min(max(wait, problem.wait), limits.max_backoff)
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_turn(self):
        if self._last_request is not None:
            waited = self.clock() - self._last_request
            if waited < self.limits.delay:
                self.sleep(self.limits.delay - waited)
        self._last_request = self.clock()
        self.requests += 1

    def _get_once(self, url):
        request = urllib.request.Request(  # noqa: S310  (the URL's scheme is checked: http(s))
            url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
        )
        try:
            response = OPENER.open(request, timeout=self.limits.timeout)
        except urllib.error.HTTPError as error:
            raise self._refused(error) from None
        except TimeoutError:
            raise _Retry(self._no_answer()) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, TimeoutError):
                raise _Retry(self._no_answer()) from None
            raise _Retry(_("could not connect (%(reason)s)") % {"reason": error.reason}) from None
        except (http.client.HTTPException, ConnectionError) as error:
            raise _Retry(_("the connection failed (%(reason)s)") % {"reason": error}) from None
        with response:
            body = self._read(response)
            return _json(body, response.headers.get("Content-Type", ""))

    def _no_answer(self):
        return _("no answer within %(seconds)s seconds") % {"seconds": self.limits.timeout}

    def _refused(self, error):
        status, reason = error.code, error.reason
        error.close()
        problem = _("the server answered %(status)s %(reason)s") % {
            "status": status,
            "reason": reason,
        }
        if 300 <= status < 400:
            location = error.headers.get("Location", "")
            problem = _("the server redirected to %(location)s, which is not http(s)") % {
                "location": location[:200]
            }
        if status in RETRIED_STATUSES:
            return _Retry(problem, status, _retry_after(error.headers.get("Retry-After")))
        return _Refused(problem, status)

    def _read(self, response):
        limits = self.limits
        deadline = self.clock() + limits.answer_seconds
        chunks, size = [], 0
        try:
            # read1 returns what has come, so a server that trickles meets the deadline.
            while chunk := response.read1(64 * 1024):
                size += len(chunk)
                self.received += len(chunk)
                if size > limits.max_answer_bytes:
                    raise _Refused(
                        _("the answer is larger than %(size)s")
                        % {"size": filesizeformat(limits.max_answer_bytes)}
                    )
                if self.received > limits.max_total_bytes:
                    raise _Refused(
                        _("the feed is larger than %(size)s in all")
                        % {"size": filesizeformat(limits.max_total_bytes)}
                    )
                if self.clock() > deadline:
                    raise _Retry(
                        _("an answer took longer than %(seconds)s seconds")
                        % {"seconds": limits.answer_seconds}
                    )
                chunks.append(chunk)
        except TimeoutError:
            raise _Retry(self._no_answer()) from None
        except (http.client.HTTPException, ConnectionError) as error:
            raise _Retry(_("the connection failed (%(reason)s)") % {"reason": error}) from None
        return b"".join(chunks)


def _retry_after(value):
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None


def _json(body, content_type):
    if "html" in content_type.lower() or body.lstrip()[:1] == b"<":
        raise _Refused(
            _(
                "the server answered with a web page, not JSON (is the address the root of an "
                "HSDS API?)"
            )
        )
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else _("nested too deeply")
        raise _Refused(
            _("the answer is not valid JSON (%(reason)s)") % {"reason": reason[:200]}
        ) from None


@dataclass
class Fetched:
    services: list = field(default_factory=list)
    pages: int = 0
    full: bool = True


def fetch_services(client, since=None):
    """Every service the feed lists (changed since `since`), full, in the order listed."""
    params = {"per_page": client.limits.per_page}
    if since is not None:
        params["modified_after"] = since.isoformat().replace("+00:00", "Z")
    fetched = Fetched()
    try:
        pages = _pages(client, {**params, "full": "true"}, fetched)
        first = next(pages)
    except HarvestError as error:
        if error.status != 400:
            raise
        # A feed that refuses `full` is walked as a list, then service by service.
        first = None
    if first is not None and _all_full(first):
        services = {_service_id(item): item for item in first}
        for contents in pages:
            services.update((_service_id(item), item) for item in contents)
        fetched.services = list(services.values())
        return fetched
    fetched.full = False
    pages = _pages(client, params, fetched)
    ids = dict.fromkeys(_service_id(item) for contents in pages for item in contents)
    fetched.services = [_service_detail(client, service_id) for service_id in ids]
    return fetched


def _all_full(contents):
    return not contents or any(FULL_SERVICE_LISTS & item.keys() for item in contents)


def _pages(client, params, fetched):
    """The contents of each page, from the first to the last the feed says it has."""
    seen = {}
    fetched.pages = 0
    number = 1
    while True:
        if number > client.limits.max_pages:
            raise _too_many_pages(client.limits.max_pages)
        data = client.get("services", {**params, "page": number})
        fetched.pages += 1
        contents, last = _page(data, number, client.limits.max_pages)
        ids = frozenset(_service_id(item) for item in contents)
        if ids and ids in seen:
            raise HarvestError(
                _(
                    "page %(number)d repeats page %(earlier)d: the feed's paging goes round in a "
                    "loop."
                )
                % {"number": number, "earlier": seen[ids]}
            )
        seen[ids] = number
        yield contents
        if last:
            return
        number += 1


def _page(data, number, max_pages):
    """A page's services, and whether it is the last."""
    if isinstance(data, list):
        return _services_in(data, number), True
    if not isinstance(data, dict) or not isinstance(data.get("contents"), list):
        raise HarvestError(
            _("page %(number)d is not an HSDS page of services (it has no “contents” list).")
            % {"number": number}
        )
    given = data.get("page_number")
    if isinstance(given, int) and given != number:
        raise HarvestError(
            _(
                "asked for page %(number)d, the feed gave page %(given)d: its paging goes round "
                "in a loop."
            )
            % {"number": number, "given": given}
        )
    total = data.get("total_pages")
    if isinstance(total, int) and total > max_pages:
        raise _too_many_pages(max_pages, total)
    contents = _services_in(data["contents"], number)
    last = (
        data.get("last_page") is True
        or not contents
        or (isinstance(total, int) and number >= total)
    )
    return contents, last


def _services_in(items, number):
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise HarvestError(
                _("item %(position)d of page %(number)d is not a service with an id.")
                % {"position": position, "number": number}
            )
    return items


def _service_id(item):
    return item["id"]


def _too_many_pages(max_pages, total=None):
    if total is None:
        message = _("the feed has more than %(max)d pages; the limit is %(max)d (--max-pages).")
    else:
        message = _("the feed has %(total)d pages; the limit is %(max)d (--max-pages).")
    return HarvestError(message % {"total": total, "max": max_pages})


def _service_detail(client, service_id):
    path = f"services/{urllib.parse.quote(service_id, safe='')}"
    try:
        service = client.get(path)
    except HarvestError as error:
        if error.status in {404, 410}:
            raise HarvestError(
                _(
                    "service %(id)s was listed but %(url)s answered %(status)s: it went away "
                    "while we harvested; run again."
                )
                % {"id": service_id, "url": client.url(path), "status": error.status},
                error.status,
            ) from None
        raise
    if not isinstance(service, dict) or service.get("id") != service_id:
        raise HarvestError(
            _("%(url)s is not the service %(id)s.") % {"url": client.url(path), "id": service_id}
        )
    return service


@dataclass
class Harvest:
    """What one harvest fetched and what the import made of it (`report` is None when the feed
    had nothing changed or failed before the import)."""

    url: str
    since: datetime | None
    dry_run: bool
    started: datetime
    fetched: Fetched | None = None
    requests: int = 0
    report: object = None
    error: str = ""

    @property
    def ok(self):
        return not self.error

    @property
    def counts(self):
        counts = {"requests": self.requests}
        if self.fetched is not None:
            counts.update(pages=self.fetched.pages, fetched=len(self.fetched.services))
        if self.report is not None:
            counts.update((name, count) for name, count in self.report.counts.items() if count)
        return counts

    def summary(self):
        """One line: what was fetched and imported, or why nothing was."""
        if self.error:
            return _("Harvest of %(url)s failed: %(error)s Nothing was written.") % {
                "url": self.url,
                "error": self.error,
            }
        fetched = self.fetched
        how = _("full services") if fetched.full else _("a list, then each service")
        if self.report is None:
            return _("%(url)s: no service changed (%(pages)d page(s), %(how)s).") % {
                "url": self.url,
                "pages": fetched.pages,
                "how": how,
            }
        counts = ", ".join(f"{count} {name}" for name, count in self.report.counts.items() if count)
        verb = _("checked (dry run, nothing written)") if self.dry_run else _("imported")
        return _(
            "%(url)s: %(fetched)d service(s) fetched in %(requests)d request(s) (%(how)s); "
            "%(verb)s: %(counts)s; %(warnings)d warning(s)."
        ) % {
            "url": self.url,
            "fetched": len(fetched.services),
            "requests": self.requests,
            "how": how,
            "verb": verb,
            "counts": counts or _("nothing"),
            "warnings": len(self.report.warnings),
        }

    def problems(self):
        """The import report's lines, each naming the feed and the service instead of the
        temporary file and the service's place in it."""
        if self.report is None:
            return []
        return [str(self._in_feed(problem)) for problem in self.report.problems]

    def _in_feed(self, problem):
        where = problem.where
        if match := re.match(r"\$\[(\d+)\]", where):
            services = self.fetched.services
            position = int(match[1])
            if position < len(services):
                rest = where[match.end() :].lstrip(".")
                where = " ".join(filter(None, [f"service {services[position]['id']}", rest]))
        return dataclasses.replace(problem, file=self.url, where=where)


def check_url(url):
    """The API's root without its final slash; a HarvestError unless it is http(s)."""
    try:
        parts = urllib.parse.urlsplit(url)
        usable = parts.scheme in {"http", "https"} and parts.hostname and (parts.port or True)
    except ValueError:  # a bad port or an unclosed [ of an IPv6 address
        usable = False
    if not usable:
        raise HarvestError(
            _("“%(url)s” is not the http:// or https:// address of an HSDS API.") % {"url": url}
        )
    return url.rstrip("/")


def harvest(
    url,
    *,
    since=None,
    dry_run=False,
    limits=None,
    sleep=time.sleep,
    progress=None,
    import_progress=None,
    provenance_source=None,
    overwrite_curated=False,
):
    """Fetch the feed at `url`, then import it (unless `dry_run`); never raises HarvestError.
    The records remember the feed as their source: `provenance_source` (a configured feed's
    name), else its address; curators' changes are kept unless `overwrite_curated`.
    `progress`, when given, is called with each address before it is asked; `import_progress`
    (see resources.operations.progress) hears of the import's rows."""
    result = Harvest(url=url, since=since, dry_run=dry_run, started=timezone.now())
    try:
        client = Client(check_url(url), limits or Limits(), sleep=sleep, progress=progress)
        try:
            result.fetched = fetch_services(client, since)
        finally:
            result.requests = client.requests
    except HarvestError as error:
        result.error = str(error)
        return result
    if result.fetched.services:
        try:
            result.report = _import(
                result.fetched.services,
                dry_run,
                client.limits,
                import_progress,
                source=provenance_source or url,
                overwrite_curated=overwrite_curated,
            )
        except Exception as error:
            # The importer's transaction is rolled back; the timer goes on to the next feed and
            # the admin shows the failure instead of a server error. The log has the traceback.
            logger.exception("Importing the harvest of %s failed", url)
            result.error = _(
                "the import stopped on an unexpected error (%(error)s); see the server's log."
            ) % {"error": type(error).__name__}
            return result
        if not result.report.ok:
            result.error = _(
                "the importer found %(errors)d error(s) in the feed's services (each listed in "
                "the report)."
            ) % {"errors": len(result.report.errors)}
    return result


def _import(services, dry_run, limits, progress=None, **provenance):
    """The importer's report on `services`, written to a file as the importer reads files."""
    handle, path = tempfile.mkstemp(prefix="harvest-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(services, file, ensure_ascii=False)
        return import_hsds(
            path,
            dry_run=dry_run,
            max_bytes=limits.max_total_bytes,
            rights=FULL_RIGHTS,
            progress=progress,
            **provenance,
        )
    finally:
        os.unlink(path)


def since_for(source):
    """Where the source's next run starts: a little before its last successful one began."""
    if source.last_success_at is None:
        return None
    return source.last_success_at - OVERLAP


def run_source(source, *, since=None, everything=False, dry_run=False, limits=None, **options):
    """Harvest `source` (from `since`, else from its last success unless `everything`) and,
    unless `dry_run`, record on it how it went."""
    if since is None and not everything:
        since = since_for(source)
    result = harvest(
        source.base_url,
        since=since,
        dry_run=dry_run,
        limits=limits,
        provenance_source=source.name,
        **options,
    )
    if not dry_run:
        record(source, result)
    return result


def claim(source, now):
    """Mark `source` as run at `now` unless another process did since it was read: False then.

    A harvest can outlast the timer's interval; the next tick then finds the feed not due, rather
    than harvesting it a second time alongside."""
    claimed = (
        type(source)
        .objects.filter(pk=source.pk, last_run_at=source.last_run_at)
        .update(last_run_at=now)
    )
    if claimed:
        source.last_run_at = now
    return bool(claimed)


def record(source, result):
    """Keep on `source` when it ran, what it counted and what went wrong (or empty)."""
    fields = {
        "last_run_at": result.started,
        "last_counts": result.counts,
        "last_error": result.error and result.summary(),
        "last_report": "\n".join([result.summary(), *result.problems()]),
    }
    if result.ok:
        fields["last_success_at"] = result.started
    for name, value in fields.items():
        setattr(source, name, value)
    type(source).objects.filter(pk=source.pk).update(**fields, modified=timezone.now())


@task()
def harvest_in_background(source_id, dry_run=False):
    """The admin's "Harvest now" and "Dry run now", run by the tasks worker: a big feed takes
    longer than a web request may. A harvest is recorded on the feed as the timer's are; a dry
    run keeps only its report there (under last report), so the curator can read it."""
    source = HarvestSource.objects.filter(pk=source_id).first()
    if source is None:
        return  # Deleted since it was asked for.
    if dry_run:
        result = run_source(source, dry_run=True)
        report = "\n".join(
            [_("Dry run: %(summary)s") % {"summary": result.summary()}, *result.problems()]
        )
        HarvestSource.objects.filter(pk=source.pk).update(
            last_report=report, modified=timezone.now()
        )
        return
    if claim(source, timezone.now()):
        run_source(source)

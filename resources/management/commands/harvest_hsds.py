from datetime import UTC, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from resources.hsds import harvest
from resources.models import HarvestSource
from resources.operations.progress import TerminalProgress

DEFAULTS = harvest.Limits()

# The limits a run may change: option, type, default, what it means.
LIMIT_OPTIONS = [
    ("--timeout", float, DEFAULTS.timeout, "Seconds to wait for an answer"),
    ("--retries", int, DEFAULTS.retries, "Tries again after a timeout or a 429/5xx"),
    ("--backoff", float, DEFAULTS.backoff, "Seconds before the first retry, doubled each time"),
    ("--delay", float, DEFAULTS.delay, "Seconds between two requests at least"),
    ("--per-page", int, DEFAULTS.per_page, "Services asked for per page"),
    ("--max-pages", int, DEFAULTS.max_pages, "Stop with an error past this many pages"),
    (
        "--max-mb",
        int,
        DEFAULTS.max_total_bytes // harvest.MB,
        "The most the whole feed may weigh, in MB",
    ),
]


def _moment(value):
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)):
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(
            f"--since must be a date or date and time, e.g. 2026-01-31T12:00:00Z, not “{value}”."
        )
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = (
        "Harvest another directory's HSDS 3.0 API: fetch its services (/services?full=true page "
        "by page, else /services then each /services/{id}), changed since --since or since the "
        "feed's last successful harvest, then import them as import_hsds does, in one "
        "transaction: a feed that fails anywhere writes nothing. Give a URL (a feed configured "
        "in the admin with that address is recorded there), --source NAME, or --due for every "
        "enabled feed whose interval has passed (run it from cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "url", nargs="?", help="The root of the HSDS API, e.g. https://example.org/api."
        )
        parser.add_argument("--source", help="The name of a harvested feed set up in the admin.")
        parser.add_argument(
            "--due", action="store_true", help="Harvest every enabled feed that is due."
        )
        parser.add_argument(
            "--since",
            type=_moment,
            help="Only services changed since this date or time (ISO 8601; UTC unless given).",
        )
        parser.add_argument(
            "--everything",
            action="store_true",
            help="Take every service, not only those changed since the last successful harvest.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and check, but write nothing (and record nothing on the feed).",
        )
        for option, kind, default, meaning in LIMIT_OPTIONS:
            parser.add_argument(
                option, type=kind, default=default, help=f"{meaning} (default %(default)s)."
            )
        parser.add_argument(
            "--overwrite-curated",
            action="store_true",
            help="Take the feed's values even where curators changed them since the feed last "
            "set them. Records remember the feed as their source: a configured feed's name, "
            "else its address.",
        )

    def handle(self, *args, url, source, due, since, everything, dry_run, **options):
        overwrite_curated = options["overwrite_curated"]
        self.verbosity = options["verbosity"]
        # The import's progress on a terminal; nothing in CI, cron or a log.
        self.bar = TerminalProgress(self.stderr)
        if sum(map(bool, (url, source, due))) != 1:
            raise CommandError("Give one of: a URL, --source NAME or --due.")
        run = {
            "since": since,
            "dry_run": dry_run,
            "limits": self._limits(options),
            "progress": self._progress(),
            "import_progress": self.bar,
        }
        if due:
            return self._run_due(everything, run)
        feed = self._source(url, source)
        if feed is None:
            result = harvest.harvest(url, overwrite_curated=overwrite_curated, **run)
        else:
            result = harvest.run_source(
                feed, everything=everything, overwrite_curated=overwrite_curated, **run
            )
        self._report(result)
        if not result.ok:
            raise CommandError(result.summary())

    def _progress(self):
        """At --verbosity 2, each address as it is asked (a feed's addresses hold no visitor's
        words)."""
        if self.verbosity < 2:
            return None
        return lambda url: self.stderr.write(f"GET {url}")

    def _limits(self, options):
        if options["timeout"] <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        for name in ("delay", "backoff"):
            if options[name] < 0:
                raise CommandError(f"--{name} must not be negative.")
        if not 0 <= options["retries"] <= 10:
            raise CommandError("--retries must be from 0 to 10.")
        for name in ("per_page", "max_pages", "max_mb"):
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        return harvest.Limits(
            timeout=options["timeout"],
            retries=options["retries"],
            backoff=options["backoff"],
            delay=options["delay"],
            per_page=options["per_page"],
            max_pages=options["max_pages"],
            max_answer_bytes=min(DEFAULTS.max_answer_bytes, options["max_mb"] * harvest.MB),
            max_total_bytes=options["max_mb"] * harvest.MB,
        )

    def _source(self, url, name):
        if name:
            feed = HarvestSource.objects.filter(name=name).first()
            if feed is None:
                raise CommandError(f"No harvested feed is named “{name}” (see the admin).")
            return feed
        try:
            url = harvest.check_url(url)
        except harvest.HarvestError as error:
            raise CommandError(str(error)) from None
        return HarvestSource.objects.filter(base_url=url).first()

    def _run_due(self, everything, run):
        """Harvest every feed that is due, with `run` (since, dry_run, limits, progress)."""
        failed = []
        sources = HarvestSource.objects.due(timezone.now())
        for feed in sources:
            if not run["dry_run"] and not harvest.claim(feed, timezone.now()):
                continue
            result = harvest.run_source(feed, everything=everything, **run)
            self._report(result, name=feed.name)
            if not result.ok:
                failed.append(feed.name)
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(sources)} feed(s) failed: {', '.join(failed)}."
            )
        if not sources and self.verbosity >= 2:
            self.stdout.write("No harvested feed is due.")

    def _report(self, result, name=None):
        self.bar.close()
        for problem in result.problems():
            style = self.style.ERROR if problem.startswith("ERROR") else self.style.WARNING
            self.stderr.write(style(problem))
        line = result.summary() if name is None else f"{name}: {result.summary()}"
        if result.ok:
            self.stdout.write(self.style.SUCCESS(line))
        elif name is not None:
            self.stderr.write(self.style.ERROR(line))

from django.core.management.base import BaseCommand, CommandError

from resources.hsds.importer import FULL_RIGHTS, import_hsds
from resources.hsds.provenance import COMMAND_LINE
from resources.hsds.reading import MAX_FILE_BYTES
from resources.operations.progress import TerminalProgress


class Command(BaseCommand):
    help = (
        "Import Open Referral HSDS 3.0 data: a folder (or .zip) of CSV tables (a "
        "datapackage.json that lists them is followed), a JSON file holding a service, an "
        "organisation with its services, a list of either, a page of an HSDS API response or a "
        "list of pages, or an NDJSON file (one record or page a line, as the API's "
        "format=ndjson gives). Upserts by HSDS id; any error writes nothing. Runs with full "
        "rights, for operators: statuses, verification dates (assured_date) and taxonomies are "
        "taken from the file; a service whose verification date changes has nobody recorded as "
        "who verified it. (At /admin/hsds/ a curator without the publish and verify "
        "permissions, an Editor, imports new services as drafts and leaves stored statuses and "
        "verification dates as they are; only superusers add or change taxonomies and terms "
        "there.) Each record remembers its source: a field or status a curator changed since "
        "this source last set it is kept, unless --overwrite-curated. The report lists what is "
        "added, changed and kept, record by record."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="A folder or .zip of HSDS CSV tables, or a JSON or NDJSON file."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )
        parser.add_argument(
            "--max-mb",
            type=int,
            default=MAX_FILE_BYTES // (1024 * 1024),
            help="The largest file taken, in MB (default %(default)s). CSV tables are read a "
            "batch at a time; a JSON file is read whole, so keep it within memory.",
        )
        parser.add_argument(
            "--source",
            default=COMMAND_LINE,
            help="Where the data comes from, as provenance records it (default “%(default)s”). "
            "Give the same name each time the same publisher's file is imported.",
        )
        parser.add_argument(
            "--overwrite-curated",
            action="store_true",
            help="Take the file's values even where curators changed them since this source "
            "last set them.",
        )

    def handle(self, *args, path, dry_run, max_mb, source, overwrite_curated, **options):
        # A progress bar on a terminal; nothing in CI, cron or a log.
        with TerminalProgress(self.stderr) as progress:
            report = import_hsds(
                path,
                dry_run=dry_run,
                max_bytes=max_mb * 1024 * 1024,
                rights=FULL_RIGHTS,
                progress=progress,
                source=source,
                overwrite_curated=overwrite_curated,
            )
        # Each kind of problem is listed at most report.MAX_PER_KIND times, then counted.
        for problem in report.problems:
            style = self.style.ERROR if problem.level == "error" else self.style.WARNING
            self.stderr.write(style(str(problem)))
        if report.shape:
            self.stdout.write(report.shape)
        if not report.ok:
            raise CommandError(f"{report.summary()}: nothing was written.")
        for line in report.changes.lines():
            self.stdout.write(line)
        counts = ", ".join(f"{count} {name}" for name, count in report.counts.items() if count)
        verb = "Checked (dry run, nothing written)" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb}: {counts or 'nothing'}; {report.summary()}."))

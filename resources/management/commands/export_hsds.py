from django.core.management.base import BaseCommand

from resources.hsds.exporter import export_hsds
from resources.operations.progress import TerminalProgress


class Command(BaseCommand):
    help = (
        "Export the published services as Open Referral HSDS 3.0: CSV tables with a "
        "datapackage.json (the default), or JSON (a list of full services)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the files (created if needed).")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, directory, format, **options):
        with TerminalProgress(self.stderr) as progress:
            folder = export_hsds(directory, format, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Exported HSDS {format.upper()} to {folder}"))

from django.core.management.base import BaseCommand, CommandError

from resources.operations.progress import TerminalProgress
from resources.places.gazetteer import GazetteerError, load_geonames, load_us_zipcodes


class Command(BaseCommand):
    help = (
        "Fill the gazetteer behind 'near' searches: --us for every US ZIP code, or FILE for a "
        "GeoNames postal-code file (tab-separated, any country). Running it again updates."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="a GeoNames postal-code file")
        parser.add_argument("--us", action="store_true", help="every US ZIP code with its town")

    def handle(self, *args, file=None, us=False, **options):
        if bool(file) == us:
            raise CommandError("Give either --us or a GeoNames FILE.")
        try:
            with TerminalProgress(self.stderr) as progress:
                if us:
                    report = load_us_zipcodes(progress=progress)
                else:
                    report = load_geonames(file, progress=progress)
        except GazetteerError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Places: read {report.read:,}, skipped {report.skipped:,} without a name or "
            f"coordinates; {report.added:,} new, {report.after:,} in all."
        )

from django.core.management.base import BaseCommand, CommandError

from resources.gazetteer import load_us_zipcodes
from resources.sample_data.loader import SampleDataError, load_sample_data

# The sample region's ZIP codes and towns, so that "near" works offline from the first run.
SAMPLE_REGION = {"county": "Dane County", "state": "WI"}


class Command(BaseCommand):
    help = (
        "Load the real national crisis lines and the sample directory for Dane County, "
        "Wisconsin. Safe to run again: it updates what it loaded before and adds no duplicates."
    )

    def handle(self, *args, **options):
        try:
            result = load_sample_data()
        except SampleDataError as error:
            raise CommandError(f"Sample data not loaded: {error}") from error
        places = load_us_zipcodes(**SAMPLE_REGION)
        self.stdout.write(self.style.SUCCESS(str(result)))
        self.stdout.write(f"Places of the sample region: {places.after:,} in the gazetteer.")

from django.core.management.base import BaseCommand, CommandError

from resources.sample_data.loader import SampleDataError, load_sample_data


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
        self.stdout.write(self.style.SUCCESS(str(result)))

from django.core.management.base import BaseCommand

from resources.models import OpeningOccurrence, OpeningSpan
from resources.schedules.open_now import DAYS_AHEAD, refresh_opening_spans


class Command(BaseCommand):
    help = (
        'Rewrite the opening hours that "open now" filters on from every schedule: weekly '
        f"hours, and the monthly and other meetings of the next {DAYS_AHEAD} days. Run it daily "
        "from cron, and once after a bulk SQL change to schedules."
    )

    def handle(self, *args, verbosity=1, **options):
        refresh_opening_spans()
        if verbosity:
            self.stdout.write(
                f"Opening hours rewritten: {OpeningSpan.objects.count()} weekly spans, "
                f"{OpeningOccurrence.objects.count()} dated occurrences."
            )

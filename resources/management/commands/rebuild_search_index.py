from django.core.management.base import BaseCommand

from resources.models import PendingSearchRefresh
from resources.operations.progress import TerminalProgress
from resources.search.index import backend_name, refresh_pending, refresh_search_index


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of every service (after a bulk SQL change), or with "
        "--pending only of the services queued by a change that reached too many to rebuild "
        "during the request (run it from cron, e.g. every minute)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Rebuild only the services waiting in the queue, a batch at a time.",
        )

    def handle(self, *args, pending=False, verbosity=1, **options):
        if pending:
            count = refresh_pending()
            if verbosity:
                self.stdout.write(f"Search index rebuilt for {count} queued services.")
            return
        # Emptied first: whatever is queued after this is still rebuilt, by the next --pending.
        PendingSearchRefresh.objects.all().delete()
        with TerminalProgress(self.stderr, enabled=None if verbosity else False) as progress:
            count = refresh_search_index(progress=progress)
        self.stdout.write(f"Search index rebuilt for {count} services ({backend_name()}).")

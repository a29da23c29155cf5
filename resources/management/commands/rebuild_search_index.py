from django.core.management.base import BaseCommand

from resources.search.index import backend_name, refresh_search_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index of every service (after a bulk SQL change)."

    def handle(self, *args, **options):
        count = refresh_search_index()
        self.stdout.write(f"Search index rebuilt for {count} services ({backend_name()}).")

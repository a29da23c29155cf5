"""`make backup`: the whole database and an HSDS export, in a new folder.

The work is resources/operations/backups.py's."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from resources.operations.backups import BackupError, back_up, default_backup_dir


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump's custom format; SQLite: a copy through "
        "SQLite's backup API) with an HSDS export of the published services, in a new folder "
        "named for the time, under BACKUP_DIR or backups/."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            help="Where to make the backup's folder. Default: BACKUP_DIR, or backups/.",
        )

    def handle(self, *args, directory=None, **options):
        try:
            folder = back_up(directory or default_backup_dir())
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(_("Backed up to %(folder)s") % {"folder": folder}))
        self.stdout.write(_("Restore it with: make restore FROM=%(folder)s") % {"folder": folder})

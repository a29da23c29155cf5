"""`make restore FROM=<folder>`: the database as a backup has it.

The work is resources/operations/backups.py's."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from resources.operations.backups import BackupError, read_manifest, restore


class Command(BaseCommand):
    help = (
        "Replace everything in the configured database (DATABASE_URL) with a backup made by "
        "`manage.py backup`, all or nothing. Run `manage.py migrate` afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup's folder, e.g. backups/supportdir-...Z.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, folder, interactive=True, **options):
        try:
            manifest = read_manifest(folder)
            if interactive and not self._confirmed(folder, manifest):
                # An error, so that `make restore` stops before migrating.
                raise CommandError(_("Nothing was restored: the answer was not yes."))
            restore(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored the backup made %(made)s into %(database)s.")
                % {"made": manifest["made"], "database": _database_name()}
            )
        )

    def _confirmed(self, folder, manifest):
        answer = input(
            _(
                "This replaces everything in %(database)s with the backup in %(folder)s, made "
                "%(made)s. Type yes to go on: "
            )
            % {"database": _database_name(), "folder": folder, "made": manifest["made"]}
        )
        return answer.strip().lower() == "yes"


def _database_name():
    # The name only: the URL may hold a password.
    return str(connection.settings_dict["NAME"])

from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resources.places.gazetteer import load_us_zipcodes
from resources.sample_data.loader import SampleDataError, load_sample_data

# The sample region's ZIP codes and towns, so that "near" works offline from the first run.
SAMPLE_REGION = {"county": "Dane County", "state": "WI"}


class Command(BaseCommand):
    help = (
        "Load the real national crisis lines and the sample directory for Dane County, "
        "Wisconsin, from the HSDS 3.0 files in resources/sample_data/, through the importer "
        "(source “sample data”). Safe to run again: it adds what is missing and refreshes what "
        "only the sample data has set, but keeps every field, status, phone, hour and term a "
        "curator changed since, and does not bring back an entry a curator deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Put every national line and sample entry back as shipped, undoing curators' "
            "changes to them (status and last verified date included) and bringing back what "
            "they deleted. Entries of curators' own are left alone.",
        )

    def handle(self, *args, reset, **options):
        try:
            result = load_sample_data(reset=reset)
        except SampleDataError as error:
            raise CommandError(_("Sample data not loaded: %(error)s") % {"error": error}) from error
        places = load_us_zipcodes(**SAMPLE_REGION)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Sample data: %(national)d national lines, "
                    "%(local)d local services in %(region)s."
                )
                % {"national": result.national, "local": result.local, "region": result.region}
            )
        )
        for deleted in result.deleted:
            self.stdout.write(describe(deleted))
        # What the importer added, changed and kept, record by record (not the counts of each
        # kind: a rerun leaves almost everything unchanged).
        for line in result.changes:
            if line.startswith(" "):
                self.stdout.write(line)
        kept = len(result.deleted) + result.kept
        if kept:
            self.stdout.write(
                ngettext(
                    "%(count)d entry kept as a curator left it; "
                    "load_sample_data --reset puts the samples back as shipped.",
                    "%(count)d entries kept as curators left them; "
                    "load_sample_data --reset puts the samples back as shipped.",
                    kept,
                )
                % {"count": kept}
            )
        self.stdout.write(
            _("Places of the sample region: %(count)s in the gazetteer.")
            % {"count": f"{places.after:,}"}
        )


def describe(deleted):
    """One line for a record a curator deleted, not loaded again."""
    values = {"record": f"{deleted.kind} {deleted.label}", "user": deleted.user}
    if deleted.when is None:
        return _("Deleted by a curator, not loaded again: %(record)s") % values
    values["date"] = localdate(deleted.when).isoformat()
    if deleted.user:
        return (
            _("Deleted by a curator, not loaded again: %(record)s (by %(user)s on %(date)s)")
            % values
        )
    return _("Deleted, not loaded again: %(record)s (on %(date)s)") % values

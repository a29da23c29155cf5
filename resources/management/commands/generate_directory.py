from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from resources.sample_data.generator import GeneratorError, generate_directory


class Command(BaseCommand):
    help = (
        "Generate a made-up directory of N services (organisations, locations over the places "
        "in the gazetteer, phones, hours, languages, service areas and facet terms), the same "
        "for the same seed, marked as sample data: for benchmarks and for trying the site at "
        "size. Load places first (load_places --us, or load_sample_data)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, required=True, help="how many services")
        parser.add_argument("--seed", type=int, default=0, help="the same seed, the same data")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="remove the directory generated before (only generated records) first",
        )

    def handle(self, *args, services, seed, replace, **options):
        if services < 1:
            raise CommandError(_("--services must be at least 1."))
        try:
            result = generate_directory(
                services, seed=seed, replace=replace, progress=self.stdout.write
            )
        except GeneratorError as error:
            raise CommandError(_("No directory generated: %(error)s") % {"error": error}) from error
        if result.removed:
            self.stdout.write(
                _("Removed: %(counts)s")
                % {"counts": ", ".join(f"{n:,} {name}" for name, n in result.removed.items())}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Generated: %(counts)s")
                % {"counts": ", ".join(f"{n:,} {name}" for name, n in result.counts.items())}
            )
        )
        self.stdout.write(
            _("Seconds: %(steps)s")
            % {"steps": ", ".join(f"{step} {sec:.1f}" for step, sec in result.seconds.items())}
        )

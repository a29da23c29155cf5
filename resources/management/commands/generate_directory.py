from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError("--services must be at least 1.")
        try:
            result = generate_directory(
                services, seed=seed, replace=replace, progress=self.stdout.write
            )
        except GeneratorError as error:
            raise CommandError(str(error)) from error
        if result.removed:
            self.stdout.write(
                "Removed: " + ", ".join(f"{n:,} {name}" for name, n in result.removed.items())
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Generated: " + ", ".join(f"{n:,} {name}" for name, n in result.counts.items())
            )
        )
        self.stdout.write(
            "Seconds: " + ", ".join(f"{step} {sec:.1f}" for step, sec in result.seconds.items())
        )

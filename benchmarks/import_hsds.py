"""How fast import_hsds takes a large directory (not a test; issue 6's target: 1,000 services/s).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/supportdir_bench \
        DEBUG=true .venv/bin/python benchmarks/import_hsds.py [SERVICES]

Generates SERVICES (default 100,000) services as HSDS CSV tables in a temporary folder: one
organisation per ten services, a phone and two facet terms each, a location for every fourth.
Migrates the database named by DATABASE_URL (use a throwaway one), imports twice (the second run
changes nothing) and prints services per second and the peak memory of the process. The times
include the history rows and the search index.

Django's query log is switched off (DEBUG is only on so that no production secrets are needed):
it keeps every statement with its parameters, which for an import is the data itself.

On the 2-core development machine with PostgreSQL (medians of three alternating runs, November
2026, before issue 11): 100,000 services, first import about 1,090 services/s, unchanged re-import
about 3,100/s; peak memory 78 MB, as at 20,000, of which 74 MB is the process before the import
starts. What an import remembers about the whole file is kept in temporary tables
(resources/hsds/scratch.py), not in Python; keeping it in Python was about 13% faster and took
255 MB at 100,000 services.

Issue 11 measured a richer file: the generated directory's own export (`generate_directory
--services 20000 --seed 1`, then `export_hsds`: 19,598 published services with organisations,
locations, schedules, languages, service areas, phones and about seven terms each). On the same
machine, busy with other work (medians of two alternating runs in one session, 30 November 2026),
it imports at about 280 services/s the first time (160/s before issue 11) and 580/s unchanged
(420/s); this script's data at 20,000 in the same session, one run each: 666/s and 1,429/s (444/s
and 1,077/s before); peak memory 78 MB, as before. History rows are now copied by the database
(INSERT … SELECT) and rows go to it as one JSON text; what is left is mostly the database's own
work (the search documents, the foreign keys checked at commit, the temporary tables), shared with
whatever else runs.
"""

import csv
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdir.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from resources import vocabulary  # noqa: E402
from resources.hsds.importer import import_hsds  # noqa: E402
from resources.hsds.tables import TABLES, columns  # noqa: E402

NAMESPACE = uuid.UUID("7b8c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d")


def _id(kind, number):
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{number}"))


def generate(folder, count):
    supports = [code for code, _name, _text in vocabulary.FACETS[vocabulary.SUPPORT]["terms"]]
    writers, files = {}, []
    for table in (
        "organization",
        "service",
        "phone",
        "attribute",
        "location",
        "service_at_location",
    ):
        handle = (folder / TABLES[table][0]).open("w", newline="", encoding="utf-8")
        files.append(handle)
        writers[table] = csv.DictWriter(handle, columns(table))
        writers[table].writeheader()
    for number in range(count):
        service_id = _id("service", number)
        org_number = number // 10
        if number % 10 == 0:
            writers["organization"].writerow(
                {
                    "id": _id("organization", org_number),
                    "name": f"Organisation {org_number}",
                    "description": "Helps people.",
                }
            )
        writers["service"].writerow(
            {
                "id": service_id,
                "organization_id": _id("organization", org_number),
                "name": f"Support group {number}",
                "status": "active",
                "description": "People who have been there meet weekly.",
                "last_modified": "2026-01-01T00:00:00Z",
            }
        )
        writers["phone"].writerow(
            {
                "id": _id("phone", number),
                "service_id": service_id,
                "number": f"608-555-{number % 10000:04d}",
                "type": "voice",
            }
        )
        for offset in range(2):
            code = supports[(number + offset) % len(supports)]
            writers["attribute"].writerow(
                {
                    "id": _id(f"attribute{offset}", number),
                    "link_id": service_id,
                    "link_entity": "service",
                    "taxonomy_term_id": str(vocabulary.term_id(vocabulary.SUPPORT, code)),
                }
            )
        if number % 4 == 0:
            writers["location"].writerow(
                {
                    "id": _id("location", number),
                    "location_type": "physical",
                    "name": f"Meeting room {number}",
                    "latitude": "43.07",
                    "longitude": "-89.40",
                }
            )
            writers["service_at_location"].writerow(
                {
                    "id": _id("sal", number),
                    "service_id": service_id,
                    "location_id": _id("location", number),
                }
            )
    for handle in files:
        handle.close()


def peak_megabytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    settings.DEBUG = False  # Django reads it for each cursor: no query log from here on.
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), count)
        print(f"generated {count} services; peak memory {peak_megabytes():.0f} MB")
        for run in ("first import", "again (no changes)"):
            started = time.perf_counter()
            report = import_hsds(folder, max_bytes=1024 * 1024 * 1024)
            seconds = time.perf_counter() - started
            assert report.ok, [str(problem) for problem in report.errors[:10]]
            print(
                f"{run}: {seconds:.1f} s, {count / seconds:,.0f} services/s, "
                f"peak memory {peak_megabytes():.0f} MB"
            )


if __name__ == "__main__":
    main()

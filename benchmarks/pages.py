"""How long the public pages take to render, against a baseline measured in the same run.

    make bench                       # or: DEBUG=true .venv/bin/python benchmarks/pages.py

Builds a throwaway SQLite database with the sample data, then renders each page through Django's
test client many times. The baseline is the 404 page: the same base template with no database
work, so each ratio says what a page's own queries and markup cost. Medians, since machines are
noisy; compare ratios between runs, not milliseconds.
"""

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 100
PAGES = {
    "404 (baseline)": "/services/no-such-service/",
    "home": "/",
    "kind of support": "/support/emotional/",
    "service detail": "/services/988-suicide-and-crisis-lifeline/",
    "search, no words": "/search/",
    "search, words": "/search/?q=support+group",
    "search, words+facets": "/search/?q=group&support=emotional&delivery=in-person&cost=free",
    "search, misspelt": "/search/?q=depresion",
    "search, no results": "/search/?q=grief&cost=insurance&topic=eating-disorders",
}


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DEBUG", "true")
    os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="supportdir-bench-")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "supportdir.settings"

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    logging.disable(logging.WARNING)  # the baseline's "Not Found" lines
    call_command("migrate", verbosity=0)
    call_command("load_sample_data", verbosity=0)
    client = Client()

    medians = {}
    for name, path in PAGES.items():
        client.get(path)  # warm caches and template loading
        timings = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            client.get(path)
            timings.append(time.perf_counter() - started)
        medians[name] = statistics.median(timings)

    baseline = medians["404 (baseline)"]
    print(f"{'page':<22} {'median ms':>10} {'x baseline':>11}   ({ROUNDS} rounds each)")
    for name, median in medians.items():
        print(f"{name:<22} {median * 1000:>10.2f} {median / baseline:>11.2f}")


if __name__ == "__main__":
    main()

"""How long search takes on English and on Spanish pages, against a baseline checkout in the
same run.

    DEBUG=true .venv/bin/python benchmarks/search_languages.py \\
        --database-url postgres://postgres@127.0.0.1:5432/sd_bench_es \\
        [--base-checkout ../wt-base --base-database-url postgres://.../sd_bench_es_base]

Times what the search page asks of the database for a query: the matching services ranked with
their snippets, the first page of them, and how many match (the facet counts are the filters'
and the same in both languages). English queries are timed on English pages, Spanish queries
on Spanish pages (translation.override("es")). With a baseline, each round times the baseline
checkout's code on its database, then this checkout's on its own, so that both see the same
machine; the English queries are compared, the Spanish ones are this checkout's alone. Medians
in milliseconds, since machines are noisy. Point it at a directory made by generate_directory.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = 5
REPEATS = 3
PAGE = 20
ENGLISH = [
    "depression",
    "support group",
    "anxiety online",
    "grief",
    "peer support veterans",
    "lost my husband",
    "free counselling",
    "young people",
    "depresion",
    "mindfulnes",
]
SPANISH = [
    "ansiedad",
    "depresión",
    "depresion",
    "grupo de apoyo",
    "duelo",
    "terapia gratis",
    "apoyo emocional",
    "soledad",
    "anxiety",
    "ansiedaad",
]


def _time_queries(queries, language, repeats):
    """{query: [seconds, ...]}, in this process (Django set up)."""
    from django.core.cache import cache
    from django.utils import translation

    from resources.models import Service
    from resources.search import search

    timings = {}
    for query in queries:
        for _ in range(repeats):
            cache.clear()
            started = time.perf_counter()
            with translation.override(language):
                found = search(Service.objects.published(), query, snippets=True)
                list(found.services.values_list("pk", "search_snippet")[:PAGE])
                found.matching.count()
            timings.setdefault(query, []).append(time.perf_counter() - started)
    return timings


def child(args):
    sys.path.insert(0, str(Path(args.checkout).resolve()))
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DEBUG", "true")
    os.environ["DJANGO_SETTINGS_MODULE"] = "supportdir.settings"
    import django

    django.setup()
    result = {"en": _time_queries(ENGLISH, "en", args.repeats)}
    if args.spanish:
        result["es"] = _time_queries(SPANISH, "es", args.repeats)
    print(json.dumps(result))


def _run(checkout, database_url, spanish, repeats):
    command = [
        sys.executable,
        __file__,
        "--child",
        "--checkout",
        str(checkout),
        "--database-url",
        database_url,
        "--repeats",
        str(repeats),
    ]
    if spanish:
        command.append("--spanish")
    # Our own script, with arguments this script made.
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    return json.loads(output.strip().splitlines()[-1])


def _merge(into, timings):
    for language, queries in timings.items():
        for query, seconds in queries.items():
            into.setdefault(language, {}).setdefault(query, []).extend(seconds)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--base-checkout", help="a checkout of the code to compare with")
    parser.add_argument("--base-database-url", help="its database (default: the same)")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--checkout", default=str(HERE.parent), help=argparse.SUPPRESS)
    parser.add_argument("--spanish", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    ours, base = {}, {}
    for _round in range(args.rounds):
        if args.base_checkout:
            base_url = args.base_database_url or args.database_url
            _merge(base, _run(args.base_checkout, base_url, False, args.repeats))
        _merge(ours, _run(HERE.parent, args.database_url, True, args.repeats))

    def median_ms(seconds):
        return statistics.median(seconds) * 1000

    print(f"{'query':<24} {'base ms':>9} {'this ms':>9} {'ratio':>6}")
    ratios = []
    for query in ENGLISH:
        this = median_ms(ours["en"][query])
        if base:
            before = median_ms(base["en"][query])
            ratios.append(this / before)
            print(f"{query:<24} {before:9.1f} {this:9.1f} {this / before:6.2f}")
        else:
            print(f"{query:<24} {'':>9} {this:9.1f}")
    if ratios:
        # Of the queries' ratios, not of all timings pooled: a slow query weighs as a fast one.
        mean = statistics.geometric_mean(ratios)
        print(f"{'English, geometric mean':<24} {'':>9} {'':>9} {mean:6.2f}")
    print("\nSpanish pages")
    for query in SPANISH:
        print(f"{query:<24} {'':>9} {median_ms(ours['es'][query]):9.1f}")
    spanish = [t for q in SPANISH for t in ours["es"][q]]
    print(f"{'Spanish, all (median)':<24} {'':>9} {median_ms(spanish):9.1f}")


if __name__ == "__main__":
    main()

"""How often search puts the right kind of service near the top, on the database in use.

    DEBUG=true .venv/bin/python benchmarks/search_quality.py [--misses]
    DATABASE_URL=postgres://... DEBUG=true .venv/bin/python benchmarks/search_quality.py

Each row of search_quality.csv (next to this file) is a query as people type it (everyday
words, phrases, plurals, typos, Spanish), the kind of service it asks for and, when it is
typed on a Spanish page, `es` as its language; the kind is a facet value
(`topic`, `kind`, `support`, `audience`, `cost` or `delivery`, as the search page's filters
name them) or a `language` code. A query is met when a service of that kind is among the
first three results of search, as the search page ranks them. The kinds, not the names of
sample entries, so that the set also measures a real or generated directory.

Prints `search quality: N of M`; with --misses, the queries missed first. tests/
test_search_quality.py runs the same set on the sample directory.
"""

import argparse
import csv
import os
import sys
from dataclasses import dataclass
from pathlib import Path

QUALITY_SET = Path(__file__).with_name("search_quality.csv")
TOP = 3


@dataclass(frozen=True)
class Case:
    query: str
    facet: str
    value: str
    why: str = ""
    # The language of the page searched from: `es` for Spanish pages, empty for English ones.
    language: str = ""


def cases(path=QUALITY_SET):
    with path.open(newline="", encoding="utf-8") as rows:
        return [Case(**row) for row in csv.DictReader(rows, restval="")]


def top_services(query, top=TOP, language=""):
    from django.utils import translation

    from resources.models import Service
    from resources.search import search

    with translation.override(language or "en"):
        found = search(Service.objects.published(), query).services
        return list(found.values_list("pk", flat=True)[:top])


def is_met(case, service_ids):
    from resources.models import Language, Service
    from resources.search.filters import FACET_PARAMETERS

    if case.facet == "language":
        return Language.objects.filter(service_id__in=service_ids, code=case.value).exists()
    return Service.terms.through.objects.filter(
        service_id__in=service_ids,
        taxonomyterm__taxonomy__name=FACET_PARAMETERS[case.facet],
        taxonomyterm__code=case.value,
    ).exists()


def misses(all_cases=None):
    """The cases whose kind of service is not among the first results of their query."""
    return [
        case
        for case in all_cases or cases()
        if not is_met(case, top_services(case.query, language=case.language))
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the queries missed")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "supportdir.settings")

    import django

    django.setup()
    all_cases = cases()
    missed = misses(all_cases)
    if args.misses:
        for case in missed:
            print(f"missed: {case.query!r} wants {case.facet}={case.value} ({case.why})")
    print(f"search quality: {len(all_cases) - len(missed)} of {len(all_cases)}")


if __name__ == "__main__":
    main()

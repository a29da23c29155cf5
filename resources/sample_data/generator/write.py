"""Writing a generated directory, a batch at a time, and removing it."""

import random
import time
from dataclasses import dataclass, field

from django.db import connection, reset_queries, transaction
from django.db.models import Q
from django.utils import timezone

from resources import vocabulary
from resources.models import (
    Language,
    Location,
    OpeningOccurrence,
    OpeningSpan,
    Organization,
    PendingSearchRefresh,
    Phone,
    Place,
    ProblemReport,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Suggestion,
    TaxonomyTerm,
)
from resources.sample_data.generator.build import Builder, Rows, Term, Towns
from resources.sample_data.generator.ids import HIGHEST_ID, LOWEST_ID
from resources.schedules.open_now import refresh_opening_spans
from resources.search.index import (
    FTS_TABLE,
    FTS_TABLE_ES,
    fts5_table_exists,
    refresh_search_index,
)

BATCH_SIZE = 2000


class GeneratorError(Exception):
    pass


@dataclass
class Generated:
    counts: dict = field(default_factory=dict)
    removed: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


def generated(field_name="pk"):
    """The condition a generated record (or one whose `field_name` points at one) meets."""
    # Not __range, which foreign keys do not take.
    return Q(**{f"{field_name}__gte": LOWEST_ID, f"{field_name}__lte": HIGHEST_ID})


def generate_directory(services, seed=0, replace=False, today=None, progress=None):
    """Write `services` generated services with their organisations and all, in one
    transaction; with `replace`, remove the generated directory already there first.
    `progress(message)` hears how the long steps are going."""
    progress = progress or (lambda message: None)
    today = today or timezone.localdate()
    result = Generated()
    with transaction.atomic():
        already = Service.objects.filter(generated()).count()
        if already and not replace:
            raise GeneratorError(
                f"A generated directory is already there ({already:,} services): "
                "replace it with --replace."
            )
        if already:
            started = time.monotonic()
            progress(f"Removing the generated directory ({already:,} services)…")
            result.removed = remove_generated_directory()
            result.seconds["remove"] = time.monotonic() - started
        towns = Towns(
            Place.objects.order_by("country", "region", "name", "postcode").values(
                "country", "postcode", "name", "region", "county", "latitude", "longitude"
            )
        )
        if not towns:
            raise GeneratorError(
                "The gazetteer has no places to put services in: run "
                "`manage.py load_places --us` (or `load_sample_data`) first."
            )
        # Made-up data, the same for the same seed: no secret rests on these draws.
        rng = random.Random(seed)  # noqa: S311
        builder = Builder(rng, towns, _facet_terms(), today)
        started = time.monotonic()
        service_ids = _write(builder, services, result.counts, progress, started)
        result.seconds["write"] = time.monotonic() - started
        started = time.monotonic()
        for start in range(0, len(service_ids), BATCH_SIZE):
            refresh_search_index(service_ids[start : start + BATCH_SIZE])
            reset_queries()
            done = min(start + BATCH_SIZE, len(service_ids))
            progress(f"Search index: {done:,} of {len(service_ids):,} services")
        result.seconds["index"] = time.monotonic() - started
        started = time.monotonic()
        progress("Opening hours…")
        refresh_opening_spans(service_ids)
        result.seconds["opening hours"] = time.monotonic() - started
    _refresh_planner_statistics(progress)
    return result


def _refresh_planner_statistics(progress):
    """PostgreSQL plans queries by its statistics of each table, which a bulk load leaves stale
    until autovacuum comes by: until then, it read all 670,000 term links of 100,000 services
    to find a page's."""
    if connection.vendor != "postgresql":
        return
    progress("Updating the database's statistics (ANALYZE)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _facet_terms():
    terms = {name: [] for name in vocabulary.FACETS}
    for pk, taxonomy, code, name in (
        TaxonomyTerm.objects.filter(taxonomy__name__in=vocabulary.FACETS)
        .order_by("taxonomy__name", "position", "code")
        .values_list("pk", "taxonomy__name", "code", "name")
    ):
        terms[taxonomy].append(Term(pk, code, name))
    return terms


def _write(builder, services, counts, progress, started):
    service_ids = []
    while len(service_ids) < services:
        rows = Rows()
        batch = min(BATCH_SIZE, services - len(service_ids))
        made = 0
        while made < batch:
            made += builder.organization(rows, at_most=services - len(service_ids) - made)
        for model, objects in rows.by_model():
            model.objects.bulk_create(objects)
            counts[model._meta.verbose_name_plural] = counts.get(
                model._meta.verbose_name_plural, 0
            ) + len(objects)
        service_ids += [service.pk for service in rows.services]
        # With DEBUG on, Django keeps the last 9,000 statements, megabytes each here.
        reset_queries()
        progress(
            f"Services: {len(service_ids):,} of {services:,} ({time.monotonic() - started:.0f} s)"
        )
    return service_ids


def remove_generated_directory():
    """Delete every generated record and what hangs from them (a curator's phone on a
    generated service, a visitor's report about one), table by table in one statement each:
    the collector of Model.delete() would load each row to send its signals. Curators'
    records stay, and so does a generated organisation one of their services belongs to."""
    services = Service.objects.filter(generated())
    removed = {}

    def remove(queryset):
        count = queryset._raw_delete(queryset.db)
        name = queryset.model._meta.verbose_name_plural
        removed[name] = removed.get(name, 0) + count

    with transaction.atomic():
        Suggestion.objects.filter(generated("service_id")).update(service=None)
        remove(ProblemReport.objects.filter(generated("service_id")))
        remove(Service.terms.through.objects.filter(generated("service_id")))
        remove(
            Phone.objects.filter(
                generated()
                | generated("service_id")
                | generated("location_id")
                | generated("organization_id")
            )
        )
        for rows in (OpeningSpan, OpeningOccurrence):
            remove(rows.objects.filter(generated("service_id") | generated("location_id")))
        remove(
            Schedule.objects.filter(
                generated() | generated("service_id") | generated("location_id")
            )
        )
        remove(Language.objects.filter(generated() | generated("service_id")))
        remove(ServiceArea.objects.filter(generated() | generated("service_id")))
        remove(ServiceAtLocation.objects.filter(generated("service_id") | generated("location_id")))
        kept_organizations = Service.objects.exclude(generated()).values("organization_id")
        organizations = Organization.objects.filter(generated()).exclude(pk__in=kept_organizations)
        Location.objects.exclude(generated()).filter(organization__in=organizations).update(
            organization=None
        )
        for table in (FTS_TABLE, FTS_TABLE_ES):
            if fts5_table_exists(table=table):
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"DELETE FROM {table} WHERE service_id BETWEEN %s AND %s",  # noqa: S608
                        [LOWEST_ID.hex, HIGHEST_ID.hex],
                    )
        PendingSearchRefresh.objects.filter(generated("service_id")).delete()
        remove(services)
        remove(Location.objects.filter(generated()))
        remove(organizations)
    return removed

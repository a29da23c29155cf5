"""The search pages' facet counts, kept in the cache for searches without words or a place.

Counting the terms of every published service is the costliest part of the home and browse
pages at the size of a real directory, and those counts change only when curators change a
service. The facets' terms are kept alongside, since every search page reads them. Each key
carries a version that such a change moves on: at once, and again when its transaction commits
(so a page counted meanwhile from the old rows is not kept). With Redis every process sees the
new version at once; with each process's own memory, the others within CACHE_SECONDS.

The same version keeps what else pages work out alike for every visitor (`cached_result`): a
search's results and counts (resources.search.page), spelling help's nearest words, the services
like a service. So the places, hours, areas and organisations of services move it on too.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "facet-counts-version"
CACHE_SECONDS = 60


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    return version


def forget_counts(**kwargs):
    """Make every cached count stale, now and once the current transaction commits."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def cached_counts(name, active, count):
    """`count()`, kept under `name` and the filters `active` ({parameter: [values]})."""
    filters = ";".join(
        f"{parameter}={','.join(sorted(values))}" for parameter, values in sorted(active.items())
    )
    key = f"facet-counts:{_version()}:{name}:{filters}"
    counts = cache.get(key)
    if counts is None:
        counts = count()
        cache.set(key, counts, CACHE_SECONDS)
    return counts


def cached_result(name, parts, compute, seconds=CACHE_SECONDS):
    """`compute()`, kept under `name` and `parts` (any repr-able values, a visitor's search words
    among them: the key holds only their hash) until the directory changes. None is kept too."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"{name}:{_version()}:{digest}"
    kept = cache.get(key)
    if kept is None:
        kept = (compute(),)
        cache.set(key, kept, seconds)
    return kept[0]


def facet_terms():
    """The terms of the six facets in order (TaxonomyTermQuerySet.facets_in_order)."""
    from resources.models import TaxonomyTerm

    return cached_counts("terms", {}, lambda: list(TaxonomyTerm.objects.facets_in_order()))


def published_term_counts():
    """{term pk: how many published services have it}."""
    from resources.models import Service

    def count():
        links = Service.terms.through.objects.filter(service__status=Service.Status.PUBLISHED)
        rows = links.order_by().values("taxonomyterm_id").annotate(matches=Count("*"))
        return {row["taxonomyterm_id"]: row["matches"] for row in rows}

    return cached_counts("published-terms", {}, count)


def _service_saved(sender, raw=False, **kwargs):
    if not raw:
        forget_counts()


def _terms_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        forget_counts()


def connect():
    from resources.models import (
        Language,
        Location,
        Organization,
        Schedule,
        Service,
        ServiceArea,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
    )

    # Searches are kept too (resources.search.page): where services are, when they open, who runs
    # them and where they reach change what a search finds.
    places_and_hours = (Location, ServiceAtLocation, ServiceArea, Schedule, Organization)
    for model in (Service, Language, Taxonomy, TaxonomyTerm, *places_and_hours):
        uid = f"counts-{model.__name__}"
        post_save.connect(_service_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(forget_counts, sender=model, dispatch_uid=f"{uid}-deleted")
    m2m_changed.connect(_terms_changed, sender=Service.terms.through, dispatch_uid="counts-terms")

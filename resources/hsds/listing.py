"""What the HSDS API lists: published services and what hangs off them, filtered and paged."""

import math

from django.core.exceptions import EmptyResultSet
from django.db.models import Q

from resources.models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from resources.search import search_services
from resources.search.facet_cache import cached_result


def public_services():
    return Service.objects.published()


def services(filters, params):
    """The published services `filters` (an ApiServiceFilterSet) keep: best match first when
    searched, else nearest first when near a place, else by name."""
    queryset = filters.qs
    if params.get("search"):
        return search_services(queryset, params["search"])
    if filters.place:
        return queryset.order_by("distance_km", "name", "id")
    return queryset.order_by("name", "id")


def service_at_locations(filters, params):
    links = ServiceAtLocation.objects.filter(service__in=filters.qs.values("id"))
    if params.get("search"):
        found = search_services(public_services(), params["search"]).values("id")
        links = links.filter(service__in=found)
    return links.order_by("service__name", "location__name", "id")


def organizations(params):
    queryset = Organization.objects.filter(id__in=public_services().values("organization_id"))
    if params.get("search"):
        queryset = queryset.filter(
            Q(name__icontains=params["search"]) | Q(alternate_name__icontains=params["search"])
        )
    return queryset.order_by("name", "id")


def taxonomies(params):
    queryset = Taxonomy.objects.all()
    if params.get("search"):
        queryset = queryset.filter(name__icontains=params["search"])
    return queryset.order_by("name", "id")


def taxonomy_terms(params):
    queryset = TaxonomyTerm.objects.select_related("taxonomy")
    if params.get("taxonomy_id"):
        queryset = queryset.filter(taxonomy_id=params["taxonomy_id"])
    if params.get("parent_id"):
        queryset = queryset.filter(parent_id=params["parent_id"])
    if params.get("top_only"):
        queryset = queryset.filter(parent__isnull=True)
    if params.get("search"):
        queryset = queryset.filter(
            Q(name__icontains=params["search"]) | Q(code__icontains=params["search"])
        )
    return queryset.order_by("taxonomy__name", "position", "name", "id")


def _page_items(queryset, start, per_page):
    """How many records `queryset` has and those of the page: which ones is kept in the cache
    until the directory changes (the same for every client); the records are read afresh."""
    try:
        sql = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0, []
    items = []

    def total_and_ids():
        total = queryset.count()
        items.extend(queryset[start : start + per_page] if start < total else [])
        return total, [item.pk for item in items]

    total, ids = cached_result("api-page", (queryset.db, sql, start, per_page), total_and_ids)
    if items or not ids:
        return total, items
    found = {item.pk: item for item in queryset.filter(pk__in=ids)}
    return total, [found[pk] for pk in ids if pk in found]


def page(queryset, params, serializer):
    """One page of `queryset` in HSDS's page envelope, and when its latest record changed."""
    per_page = params["per_page"]
    number = params["page"]
    start = (number - 1) * per_page
    total, items = _page_items(queryset, start, per_page)
    total_pages = max(1, math.ceil(total / per_page))
    data = {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": total == 0,
        "contents": [serializer(item) for item in items],
    }
    return data, max((item.modified for item in items), default=None)

"""What the HSDS API lists: published services and what hangs off them, filtered and paged."""

import math

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from resources.facet_cache import cached_result
from resources.finder import DEFAULT_DISTANCE
from resources.geo import KM_PER_MILE
from resources.hsds.params import ApiError
from resources.models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from resources.places import PlaceNotFound, resolve_place
from resources.search import search_services


def public_services():
    return Service.objects.published()


def filter_services(queryset, params):
    """Services of `queryset` matching the API's filters; search last, as it may rank."""
    if params.get("taxonomy_term_id"):
        queryset = queryset.filter(terms=params["taxonomy_term_id"])
    if params.get("taxonomy_id"):
        queryset = queryset.with_any_term(
            TaxonomyTerm.objects.filter(taxonomy_id=params["taxonomy_id"])
        )
    if params.get("organization_id"):
        queryset = queryset.filter(organization_id=params["organization_id"])
    if params.get("modified_after"):
        queryset = queryset.filter(modified__gte=params["modified_after"])
    if params.get("open_now"):
        # To the minute, as opening hours are kept: the same page for every client that minute.
        queryset = queryset.open_at(timezone.now().replace(second=0, microsecond=0))
    if params.get("postcode"):
        # The same place lookup and distance search as the site's "near".
        queryset = queryset.near(_place(params["postcode"]), _radius_km(params))
        if not params.get("search"):
            return queryset.order_by("distance_km", "name", "id")
    if params.get("search"):
        return search_services(queryset, params["search"])
    return queryset.order_by("name", "id")


def _place(postcode):
    try:
        return resolve_place(postcode)
    except PlaceNotFound as error:
        suggestions = _(" Did you mean: %(places)s?") % {"places": "; ".join(error.suggestions)}
        raise ApiError(error.message + (suggestions if error.suggestions else "")) from None


def _radius_km(params):
    """HSDS gives proximity in metres; without it, the site's default radius."""
    if params.get("proximity"):
        return params["proximity"] / 1000
    unit = settings.DISTANCE_UNIT
    default = DEFAULT_DISTANCE[unit]
    return default * KM_PER_MILE if unit == "mi" else default


def services(params):
    return filter_services(public_services(), params)


def service_at_locations(params):
    matching = filter_services(public_services(), {**params, "search": ""}).values("id")
    links = ServiceAtLocation.objects.filter(service__in=matching)
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

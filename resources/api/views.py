"""The HSDS 3.0 API: read the parameters, pick the records, serialize (rules: resources.hsds)."""

import json
from functools import cache, partial
from pathlib import Path

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from resources.api.responses import api_view, json_response, ndjson_response
from resources.hsds import HSDS_VERSION, listing, rows, serialize
from resources.hsds.licence import data_licence
from resources.hsds.params import parse_uuid, read_params
from resources.models import ServiceAtLocation, Taxonomy, TaxonomyTerm
from resources.search.filters import ApiServiceFilterSet

OPENAPI_PATH = Path(__file__).resolve().parent / "openapi.json"
LIST_PARAMS = ("search", "page", "per_page", "format")


def _record_id(value):
    return parse_uuid(value, "id")


def _get(queryset, record_id):
    record = queryset.filter(pk=_record_id(record_id)).first()
    if record is None:
        raise Http404
    return record


def _service_filters(request):
    return ApiServiceFilterSet(request.GET, queryset=listing.public_services())


def _unchanged(queryset):
    return queryset


def _listing(request, params, queryset, serializer, *, page=_unchanged, stream=rows.records):
    """A page of `queryset` (loaded as `page` says), or with format=ndjson every record of it,
    read as `stream` says (resources.hsds.rows)."""
    if params["format"] == "ndjson":
        return ndjson_response(request, stream(queryset), serializer)
    data, latest = listing.page(page(queryset), params, serializer)
    return json_response(request, data, last_modified=latest)


@api_view
def not_found(request):
    raise Http404


@api_view
def meta(request):
    return json_response(
        request,
        {
            "version": HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("api:docs")),
            "openapi_url": request.build_absolute_uri(reverse("api:openapi")),
        },
    )


@cache
def _openapi_document():
    return json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))


@api_view
def openapi(request):
    """Our committed description, with this deployment's own addresses filled in."""
    document = dict(_openapi_document())
    api_root = request.build_absolute_uri(reverse("api:meta")).rstrip("/")
    document["servers"] = [{"url": api_root, "description": document["servers"][0]["description"]}]
    contact = dict(document["info"]["contact"], url=request.build_absolute_uri(reverse("api:docs")))
    document["info"] = dict(document["info"], contact=contact, license=data_licence().as_openapi())
    return json_response(request, document)


@csrf_exempt  # A POST is answered 405 (in JSON: resources.api.errors), not by the CSRF page.
@require_safe
def docs(request):
    examples = {
        "meta": reverse("api:meta"),
        "services": reverse("api:services"),
        "openapi": reverse("api:openapi"),
    }
    return render(request, "api/docs.html", {"examples": examples, "data_licence": data_licence()})


@api_view
def services(request):
    params = read_params(request.GET, (*LIST_PARAMS, "full", "minimal"))
    full = params.get("full", False)
    if params.get("minimal"):
        serializer = serialize.service_minimal
    else:
        serializer = serialize.service_full if full else serialize.service_brief
    return _listing(
        request,
        params,
        listing.services(_service_filters(request), params),
        serializer,
        page=partial(serialize.services_for_hsds, full=full),
        stream=partial(rows.services, full=full),
    )


@api_view
def service_detail(request, id):
    queryset = serialize.services_for_hsds(listing.public_services())
    service = _get(queryset, id)
    return json_response(request, serialize.service_full(service), last_modified=service.modified)


@api_view
def organizations(request):
    params = read_params(request.GET, (*LIST_PARAMS, "full", "full_service"))
    queryset = listing.organizations(params)
    if params.get("full"):
        full_service = params.get("full_service", False)
        return _listing(
            request,
            params,
            queryset,
            _organization_full(params),
            page=partial(_organizations_in_full, full_service=full_service),
            stream=partial(
                rows.organizations,
                services_queryset=_services_of_organizations(),
                full_service=full_service,
            ),
        )
    return _listing(request, params, queryset, serialize.organization)


def _services_of_organizations():
    return listing.public_services().order_by("name", "id")


def _organizations_in_full(queryset, full_service):
    services = serialize.services_for_hsds(_services_of_organizations(), full=full_service)
    return serialize.organizations_for_hsds(queryset, services=services)


def _organization_full(params):
    service_serializer = (
        serialize.service_full if params.get("full_service") else serialize.service_brief
    )
    return lambda org: serialize.organization_full(org, service_serializer=service_serializer)


@api_view
def organization_detail(request, id):
    params = read_params(request.GET, ("full_service",))
    queryset = _organizations_in_full(listing.organizations({}), params.get("full_service"))
    org = _get(queryset, id)
    return json_response(request, _organization_full(params)(org), last_modified=org.modified)


@api_view
def taxonomies(request):
    params = read_params(request.GET, LIST_PARAMS)
    return _listing(request, params, listing.taxonomies(params), serialize.taxonomy)


@api_view
def taxonomy_detail(request, id):
    taxonomy = _get(Taxonomy.objects.all(), id)
    return json_response(request, serialize.taxonomy(taxonomy), last_modified=taxonomy.modified)


@api_view
def taxonomy_terms(request):
    params = read_params(request.GET, (*LIST_PARAMS, "taxonomy_id", "top_only", "parent_id"))
    return _listing(request, params, listing.taxonomy_terms(params), serialize.taxonomy_term)


@api_view
def taxonomy_term_detail(request, id):
    term = _get(TaxonomyTerm.objects.select_related("taxonomy"), id)
    return json_response(request, serialize.taxonomy_term(term), last_modified=term.modified)


@api_view
def service_at_locations(request):
    params = read_params(request.GET, (*LIST_PARAMS, "full"))
    full = params.get("full", False)
    serializer = serialize.service_at_location if full else serialize.service_at_location_brief
    return _listing(
        request,
        params,
        listing.service_at_locations(_service_filters(request), params),
        serializer,
        page=partial(serialize.service_at_locations_for_hsds, full=full),
        stream=partial(rows.service_at_locations, full=full),
    )


@api_view
def service_at_location_detail(request, id):
    queryset = serialize.service_at_locations_for_hsds(
        ServiceAtLocation.objects.filter(service__in=listing.public_services()), full=True
    )
    link = _get(queryset, id)
    latest = max(link.modified, link.service.modified, link.location.modified)
    return json_response(request, serialize.service_at_location(link), last_modified=latest)

"""Putting locations on the map: approximate coordinates from the gazetteer (Place).

A location with an address but no coordinates is placed at its ZIP code's centre, else at its
town's, and marked approximate until a curator gives exact coordinates. Looked up in batches:
two queries whatever the number of locations.
"""

from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models.functions import Lower

from resources.models import Location, Place
from resources.places.resolve import _region_code

SIX_PLACES = Decimal("0.000001")


def _postcode(text):
    """ "53703-1234" and "53703 " are ZIP 53703; other postcodes lose their spaces."""
    text = "".join((text or "").split()).upper()
    if len(text) == 10 and text[5] == "-" and text[:5].isdigit():
        return text[:5]
    return text


def _key(fields):
    return (
        _postcode(fields.get("postal_code")),
        " ".join((fields.get("city") or "").split()).lower(),
        _region_code(fields.get("state_province") or "") if fields.get("state_province") else "",
    )


def _average(places):
    latitude = sum(place[0] for place in places) / len(places)
    longitude = sum(place[1] for place in places) / len(places)
    return latitude.quantize(SIX_PLACES), longitude.quantize(SIX_PLACES)


def approximate_points(addresses):
    """(latitude, longitude) for each address (a dict with postal_code, city and
    state_province) the gazetteer knows, by the address's key; two queries in all."""
    keys = {_key(fields) for fields in addresses}
    postcodes = {postcode for postcode, _, _ in keys if postcode}
    towns = {town for _, town, _ in keys if town}
    by_postcode = defaultdict(list)
    if postcodes:
        for postcode, latitude, longitude in Place.objects.filter(
            postcode__in=postcodes
        ).values_list("postcode", "latitude", "longitude"):
            by_postcode[postcode.upper()].append((latitude, longitude))
    by_town = defaultdict(lambda: defaultdict(list))
    if towns:
        for town, region, latitude, longitude in (
            Place.objects.annotate(town=Lower("name"))
            .filter(town__in=towns)
            .values_list("town", "region", "latitude", "longitude")
        ):
            by_town[town][region.upper()].append((latitude, longitude))
    points = {}
    for key in keys:
        postcode, town, region = key
        if by_postcode.get(postcode):
            points[key] = _average(by_postcode[postcode])
            continue
        regions = by_town.get(town)
        if not regions:
            continue
        if region:
            places = regions.get(region.upper())
        else:
            places = regions.get(settings.HOME_REGION) or max(regions.values(), key=len)
        if places:
            points[key] = _average(places)
    return points


def _has_address(fields):
    return bool(_postcode(fields.get("postal_code")) or (fields.get("city") or "").strip())


def place_records(records, approximate_in_file=None):
    """Give import records (dicts) without coordinates their approximate ones. Records with
    coordinates are marked exact, unless they are the approximate point the location has
    already or the one the file says is approximate ({id: (latitude, longitude)}: our own
    export's mark), so that exporting and importing again keeps the mark. Changes `records` in
    place; one query for the stored points."""
    approximate = dict(approximate_in_file or {})
    with_coordinates = [record["id"] for record in records if record.get("latitude") is not None]
    for pk, latitude, longitude in Location.objects.filter(
        pk__in=with_coordinates, coordinates_approximate=True
    ).values_list("pk", "latitude", "longitude"):
        approximate.setdefault(pk, (latitude, longitude))
    wanting = []
    for record in records:
        if record.get("latitude") is None or record.get("longitude") is None:
            record["latitude"] = record["longitude"] = None
            record["coordinates_approximate"] = False
            if record.get("location_type", "physical") == "physical" and _has_address(record):
                wanting.append(record)
        else:
            record["coordinates_approximate"] = approximate.get(record["id"]) == (
                record["latitude"],
                record["longitude"],
            )
    if not wanting:
        return
    points = approximate_points(wanting)
    for record in wanting:
        point = points.get(_key(record))
        if point:
            record["latitude"], record["longitude"] = point
            record["coordinates_approximate"] = True


def _fields(location):
    return {
        "postal_code": location.postal_code,
        "city": location.city,
        "state_province": location.state_province,
    }


def place_approximately(location):
    """Set a location without coordinates at its ZIP code's or town's centre (not saved).
    True when it was placed."""
    if location.has_coordinates or not _has_address(_fields(location)):
        return False
    point = approximate_points([_fields(location)]).get(_key(_fields(location)))
    if not point:
        return False
    location.latitude, location.longitude = point
    location.coordinates_approximate = True
    return True


def zip_centres(locations):
    """The ZIP code's centre for each of `locations` that has a ZIP the gazetteer knows, by
    location; one query."""
    wanted = [{"postal_code": location.postal_code} for location in locations]
    points = approximate_points([fields for fields in wanted if _postcode(fields["postal_code"])])
    return {
        location: points[_key({"postal_code": location.postal_code})]
        for location in locations
        if _key({"postal_code": location.postal_code}) in points
    }


def _physical_locations_of_published_services():
    from resources.models import Location, Service

    return Location.objects.filter(
        location_type=Location.Type.PHYSICAL,
        service_at_locations__service__status=Service.Status.PUBLISHED,
    )


def locations_of_published_services(on_the_map):
    """Physical locations of published services: "missing" (no coordinates) or "approximate"."""
    locations = _physical_locations_of_published_services()
    if on_the_map == "missing":
        return locations.filter(latitude__isnull=True)
    return locations.filter(coordinates_approximate=True)


def published_services_off_the_map():
    """Counts of the published services with an in-person location that is not on the map,
    and of those with one only approximately placed."""
    from resources.models import Service

    counts = {}
    for on_the_map in ["missing", "approximate"]:
        counts[on_the_map] = (
            Service.objects.published()
            .filter(
                pk__in=locations_of_published_services(on_the_map).values(
                    "service_at_locations__service"
                )
            )
            .count()
        )
    return counts

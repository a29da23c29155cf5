"""Where a visitor is: a postcode, a town or coordinates, resolved offline against Place."""

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from resources.models import Place
from resources.places.geo import bounding_box, great_circle_km_expression

COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
TOWN_AND_REGION = re.compile(r"^\s*(.+?)\s*,\s*([^,]+?)\s*$")
MAX_PLACE_LENGTH = 100

US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
    "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
    "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico", "GU": "Guam", "VI": "U.S. Virgin Islands", "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}  # fmt: skip
STATE_CODES = {name.lower(): code for code, name in US_STATES.items()}
NATIONAL_AREA_NAMES = {"united states", "united states of america", "usa", "us", "nationwide"}


class PlaceNotFound(Exception):
    def __init__(self, message, suggestions=()):
        super().__init__(message)
        self.message = message
        self.suggestions = list(suggestions)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str
    region: str = ""
    county: str = ""
    country: str = ""

    @property
    def area_names(self):
        """The service-area names that cover this point: its state, county and country."""
        names = set()
        if self.region:
            names.add(self.region.lower())
            if self.region.upper() in US_STATES:
                names.add(US_STATES[self.region.upper()].lower())
        if self.county:
            names.add(self.county.lower())
            names.add(self.county.lower().removesuffix(" county"))
        if self.country == "US":
            names |= NATIONAL_AREA_NAMES
        return names


def _nearest_place(latitude, longitude, within_km=50):
    """The gazetteer's place nearest to coordinates: which state and county they are in."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, within_km)
    return (
        Place.objects.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
        )
        .annotate(distance=great_circle_km_expression(latitude, longitude, "latitude", "longitude"))
        .order_by("distance")
        .first()
    )


def _region_code(text):
    text = text.strip()
    return STATE_CODES.get(text.lower(), text.upper())


def _point_from(places, label):
    """A town's ZIP codes averaged into one point: near enough to its centre."""
    first = places[0]
    return Point(
        latitude=sum(float(place.latitude) for place in places) / len(places),
        longitude=sum(float(place.longitude) for place in places) / len(places),
        label=label,
        region=first.region,
        county=first.county,
        country=first.country,
    )


def _suggestions(name, region=""):
    candidates = Place.objects.all()
    if region:
        candidates = candidates.filter(region__iexact=region)
    if name:
        candidates = candidates.filter(name__istartswith=name[0])
    towns = {
        f"{town}, {state}" if state else town: town
        for town, state in candidates.values_list("name", "region").distinct()
    }
    close = difflib.get_close_matches(
        name.lower(), [town.lower() for town in towns.values()], n=10, cutoff=0.75
    )
    matches = [label for label, town in towns.items() if town.lower() in close]
    # Towns in the directory's own state first.
    matches.sort(key=lambda label: (not label.endswith(f", {settings.HOME_REGION}"), label))
    return matches[:3]


def resolve_place(text):
    """A Point for "53703", "Madison, WI", "Madison" or "43.07,-89.40", else PlaceNotFound."""
    text = " ".join((text or "").split())[:MAX_PLACE_LENGTH]
    if not text:
        raise PlaceNotFound(_("Say where: a ZIP code, a town, or use your location."))

    coordinates = COORDINATES.match(text)
    if coordinates:
        try:
            latitude, longitude = (Decimal(part) for part in coordinates.groups())
        except InvalidOperation:
            latitude = longitude = Decimal(999)
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise PlaceNotFound(
                _(
                    "Those coordinates are outside the map: latitude runs from -90 to 90 and "
                    "longitude from -180 to 180."
                )
            )
        nearest = _nearest_place(float(latitude), float(longitude))
        return Point(
            float(latitude),
            float(longitude),
            label=_("your location"),
            region=nearest.region if nearest else "",
            county=nearest.county if nearest else "",
            country=nearest.country if nearest else "",
        )

    by_postcode = list(Place.objects.filter(postcode__iexact=text.replace(" ", ""))[:50])
    if not by_postcode and " " in text:
        by_postcode = list(Place.objects.filter(postcode__iexact=text)[:50])
    if by_postcode:
        place = by_postcode[0]
        return _point_from([place], f"{place.postcode} {place.name}, {place.region}".strip(", "))

    town_and_region = TOWN_AND_REGION.match(text)
    name, region = town_and_region.groups() if town_and_region else (text, "")
    towns = Place.objects.filter(name__iexact=name)
    if region:
        towns = towns.filter(region__iexact=_region_code(region))
    towns = list(towns[:500])
    if towns:
        regions = {town.region for town in towns}
        if len(regions) > 1:
            # "Madison" alone: the one in the directory's own state, else the commonest.
            home = [town for town in towns if town.region == settings.HOME_REGION]
            if home:
                towns = home
            else:
                commonest = max(regions, key=lambda r: sum(t.region == r for t in towns))
                towns = [town for town in towns if town.region == commonest]
        return _point_from(towns, f"{towns[0].name}, {towns[0].region}".strip(", "))

    suggestions = _suggestions(name, _region_code(region) if region else "")
    raise PlaceNotFound(_("We could not find “%(place)s”.") % {"place": text}, suggestions)

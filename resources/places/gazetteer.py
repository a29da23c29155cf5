"""Filling the Place table: US ZIP codes from the `zipcodes` package, or a GeoNames file."""

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from resources.models import Place
from resources.operations.progress import counted
from resources.operations.progress import report as report_progress

BATCH_SIZE = 2000
GEONAMES_COLUMNS = 12


class GazetteerError(Exception):
    pass


@dataclass
class LoadReport:
    read: int = 0
    skipped: int = 0
    before: int = 0
    after: int = 0

    @property
    def added(self):
        return self.after - self.before


def _coordinate(text, low, high):
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None
    return value if low <= value <= high else None


def _place(country, postcode, name, region, county, latitude, longitude, timezone=""):
    latitude = _coordinate(latitude, -90, 90)
    longitude = _coordinate(longitude, -180, 180)
    name = (name or "").strip()[:200]
    if latitude is None or longitude is None or not name:
        return None
    return Place(
        country=country.strip().upper()[:2],
        postcode=(postcode or "").strip()[:20],
        name=name,
        region=(region or "").strip()[:100],
        county=(county or "").strip()[:100],
        latitude=latitude.quantize(Decimal("0.000001")),
        longitude=longitude.quantize(Decimal("0.000001")),
        timezone=(timezone or "").strip()[:64],
    )


def _save(rows, report, progress=None):
    report.before = Place.objects.count()
    seen = set()
    places = []
    for place in counted(rows, progress, "reading places", every=5000):
        report.read += 1
        key = None if place is None else (place.country, place.postcode, place.name)
        if place is None or key in seen:
            report.skipped += 1
            continue
        seen.add(key)
        places.append(place)
    with transaction.atomic():
        for start in range(0, len(places), BATCH_SIZE):
            report_progress(progress, "saving places", start, len(places))
            Place.objects.bulk_create(
                places[start : start + BATCH_SIZE],
                update_conflicts=True,
                unique_fields=["country", "postcode", "name"],
                update_fields=["region", "county", "latitude", "longitude", "timezone"],
            )
    report_progress(progress, "saving places", len(places), len(places))
    report.after = Place.objects.count()
    return report


def load_us_zipcodes(county=None, state=None, progress=None):
    """Every US ZIP code with its town (about 42,000), or those of one county and state."""
    import zipcodes

    def rows():
        for entry in zipcodes.list_all():
            if state and entry["state"] != state:
                continue
            if county and entry["county"] != county:
                continue
            yield _place(
                "US",
                entry["zip_code"],
                entry["city"].title() if entry["city"].isupper() else entry["city"],
                entry["state"],
                entry["county"],
                entry["lat"],
                entry["long"],
                entry["timezone"],
            )

    return _save(rows(), LoadReport(), progress)


def load_geonames(path, progress=None):
    """A GeoNames postal-code file: tab-separated, twelve columns, any country."""
    try:
        handle = open(path, encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as error:
        raise GazetteerError(f"Cannot read {path}: {error.strerror}.") from error

    def rows():
        with handle:
            for line_number, row in enumerate(
                csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1
            ):
                if len(row) < GEONAMES_COLUMNS - 1:
                    raise GazetteerError(
                        f"{path}, line {line_number}: expected {GEONAMES_COLUMNS} tab-separated "
                        f"columns (GeoNames postal codes), found {len(row)}."
                    )
                country, postcode, name, region_name, region_code, county = row[:6]
                yield _place(
                    country, postcode, name, region_code or region_name, county, row[9], row[10]
                )

    try:
        return _save(rows(), LoadReport(), progress)
    except UnicodeDecodeError as error:
        raise GazetteerError(f"{path} is not UTF-8 text.") from error

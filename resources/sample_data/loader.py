"""Write the national lines and the sample region to the database: one transaction, safe to rerun.

Every record gets a stable id (uuid5 of a fixed namespace and the record's key), so a second run
finds what the first one wrote and leaves it alone. Child records (phones, schedules, languages,
service areas, links to locations, terms) are synced: what the data no longer names is removed.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from resources import vocabulary
from resources.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from resources.sample_data import local, national
from resources.schedules import DAY_CODES
from resources.search.index import indexing_deferred

# Fixed for good: changing it would give every sample record a new id.
SAMPLE_NAMESPACE = uuid.UUID("8d3c6a51-2f4e-4b7a-9c1d-6e5f0a2b3c4d")

FACETS = {
    "support": vocabulary.SUPPORT,
    "resource": vocabulary.RESOURCE,
    "topic": vocabulary.TOPIC,
    "audience": vocabulary.AUDIENCE,
    "delivery": vocabulary.DELIVERY,
    "cost": vocabulary.COST,
}

ZONE_NAMES = {
    "America/New_York": "Eastern time",
    "America/Chicago": "Central time",
    "America/Denver": "Mountain time",
    "America/Phoenix": "Arizona time",
    "America/Los_Angeles": "Pacific time",
    "America/Anchorage": "Alaska time",
    "Pacific/Honolulu": "Hawaii time",
}

SERVICE_FIELDS = [
    "name",
    "alternate_name",
    "description",
    "eligibility_description",
    "application_process",
    "fees_description",
    "url",
    "email",
    "alert",
]


class SampleDataError(Exception):
    """A record in the sample data does not fit the models; the message names it."""


@dataclass(frozen=True)
class LoadResult:
    national: int
    local: int
    region: str

    def __str__(self):
        return (
            f"Sample data: {self.national} national lines, "
            f"{self.local} local services in {self.region}."
        )


def record_id(*key):
    return uuid.uuid5(SAMPLE_NAMESPACE, "/".join(str(part) for part in key))


def load_sample_data(today=None):
    """Create or refresh every national and sample record; returns what was loaded."""
    today = today or timezone.localdate()
    with transaction.atomic(), indexing_deferred():
        terms = {
            (term.taxonomy.name, term.code): term
            for term in TaxonomyTerm.objects.filter(taxonomy__name__in=FACETS.values())
            .select_related("taxonomy")
            .order_by()
        }
        organizations = {}
        for data, is_sample in [(national.ORGANIZATIONS, False), (local.ORGANIZATIONS, True)]:
            for record in data:
                organizations[record["key"]] = _save_organization(record, is_sample)
        locations = {
            record["key"]: _save_location(record, organizations, today)
            for record in local.LOCATIONS
        }
        for data, is_sample in [(national.SERVICES, False), (local.SERVICES, True)]:
            for record in data:
                _save_service(record, is_sample, organizations, locations, terms, today)
    return LoadResult(
        national=len(national.SERVICES), local=len(local.SERVICES), region=local.REGION
    )


def _update_or_create(model, pk, label, create_defaults=None, **fields):
    """update_or_create by id, validated with full_clean(), and saved only when it changed.

    `create_defaults` are set only on a new record, as with QuerySet.update_or_create().
    """
    instance = model.objects.filter(pk=pk).first()
    if instance is None:
        instance = model(pk=pk, **fields, **(create_defaults or {}))
    elif all(getattr(instance, name) == value for name, value in fields.items()):
        return instance
    else:
        for name, value in fields.items():
            setattr(instance, name, value)
    try:
        instance.full_clean()
    except ValidationError as error:
        raise SampleDataError(f"{model._meta.verbose_name} {label}: {error}") from error
    instance.save()
    return instance


def _save_organization(record, is_sample):
    return _update_or_create(
        Organization,
        record_id("organization", record["key"]),
        record["key"],
        name=record["name"],
        alternate_name=record.get("alternate_name", ""),
        description=record.get("description", ""),
        email=record.get("email", ""),
        website=record.get("website", ""),
        is_sample=is_sample,
    )


def _save_location(record, organizations, today):
    key = ("location", record["key"])
    coordinates = {
        name: Decimal(record[name]) if name in record else None
        for name in ("latitude", "longitude")
    }
    location = _update_or_create(
        Location,
        record_id(*key),
        record["key"],
        location_type=record.get("location_type", Location.Type.PHYSICAL),
        organization_id=organizations[record["organization"]].pk,
        name=record["name"],
        description=record.get("description", ""),
        url=record.get("url", ""),
        address_id=record_id(*key, "address"),
        address_1=record.get("address_1", ""),
        address_2=record.get("address_2", ""),
        city=record.get("city", ""),
        region=record.get("region", ""),
        state_province=record.get("state_province", ""),
        postal_code=record.get("postal_code", ""),
        country="US",
        transportation=record.get("transportation", ""),
        accessibility=record.get("accessibility", ""),
        **coordinates,
    )
    _sync_phones(location, key, record.get("phones", []))
    _sync_schedules(location, key, record.get("schedules", []), today)
    return location


def _save_service(record, is_sample, organizations, locations, terms, today):
    slug = record["slug"]
    key = ("service", slug)
    days_ago = record.get("verified_days_ago")
    service = _update_or_create(
        Service,
        record_id(*key),
        slug,
        # A curator's later verification must survive a rerun (`make run` loads every time).
        create_defaults={
            "assured_date": None if days_ago is None else today - timedelta(days=days_ago)
        },
        organization_id=organizations[record["organization"]].pk,
        slug=slug,
        status=record.get("status", Service.Status.PUBLISHED),
        minimum_age=record.get("minimum_age"),
        maximum_age=record.get("maximum_age"),
        is_sample=is_sample,
        **{name: record.get(name, "") for name in SERVICE_FIELDS},
    )
    service.terms.set(_terms_of(record, terms))
    _sync_phones(service, key, record.get("phones", []))
    _sync_schedules(service, key, record.get("schedules", []), today)
    _sync(
        service.languages.all(),
        [
            (
                Language,
                record_id(*key, "language", code),
                {"service_id": service.pk, "code": code, "note": note},
            )
            for code, note in record.get("languages", {}).items()
        ],
        slug,
    )
    _sync(
        service.service_areas.all(),
        [
            (ServiceArea, record_id(*key, "area", name), {"service_id": service.pk, "name": name})
            for name in record.get("service_areas", [])
        ],
        slug,
    )
    _sync(
        service.service_at_locations.all(),
        [
            (
                ServiceAtLocation,
                record_id(*key, "location", location_key),
                {
                    "service_id": service.pk,
                    "location_id": locations[location_key].pk,
                    "description": note,
                },
            )
            for location_key, note in record.get("locations", {}).items()
        ],
        slug,
    )
    return service


def _terms_of(record, terms):
    wanted = []
    for facet, taxonomy_name in FACETS.items():
        for code in record.get(facet, []):
            try:
                wanted.append(terms[taxonomy_name, code])
            except KeyError:
                raise SampleDataError(
                    f"service {record['slug']}: no {facet} term {code!r} in {taxonomy_name}"
                ) from None
    return wanted


def _sync(existing, wanted, label):
    """Make `existing` (a related manager's queryset) hold exactly the `wanted` records."""
    # Remove first, so a leftover row cannot trip a unique constraint of a wanted one.
    existing.exclude(pk__in=[pk for _model, pk, _fields in wanted]).delete()
    for model, pk, fields in wanted:
        _update_or_create(model, pk, label, **fields)


def _sync_phones(owner, key, phones):
    owner_field = f"{owner._meta.model_name}_id"
    _sync(
        owner.phones.all(),
        [
            (
                Phone,
                record_id(*key, "phone", position),
                {owner_field: owner.pk, "position": position, "extension": "", **phone},
            )
            for position, phone in enumerate(phones)
        ],
        key[-1],
    )


def _sync_schedules(owner, key, schedules, today):
    owner_field = f"{owner._meta.model_name}_id"
    _sync(
        owner.schedules.all(),
        [
            (
                Schedule,
                record_id(*key, "schedule", position),
                {owner_field: owner.pk, **_schedule_fields(schedule, today)},
            )
            for position, schedule in enumerate(schedules)
        ],
        key[-1],
    )


def _schedule_fields(schedule, today):
    fields = {
        "freq": Schedule.Frequency.WEEKLY,
        "interval": 1,
        "byday": "",
        "bymonthday": "",
        "dtstart": None,
        "until": None,
        "opens_at": None,
        "closes_at": None,
        "description": "",
        **schedule,
    }
    source_zone = fields.pop("time_zone", settings.TIME_ZONE)
    if source_zone != settings.TIME_ZONE and fields["opens_at"] is not None:
        fields.update(_in_site_time_zone(fields, source_zone, today))
    return fields


def _in_site_time_zone(fields, source_zone, today):
    """Weekly hours published in another zone, as opening and closing times in the site's zone.

    "Open now" compares against the site's zone; the offset is taken on `today`, so rerunning the
    load keeps zones with different daylight-saving rules right.
    """
    if fields["freq"] != Schedule.Frequency.WEEKLY:
        raise SampleDataError(f"only weekly hours can be given in another zone: {fields}")
    site_zone = ZoneInfo(settings.TIME_ZONE)
    opens = datetime.combine(today, fields["opens_at"], tzinfo=ZoneInfo(source_zone))
    closes = datetime.combine(today, fields["closes_at"], tzinfo=ZoneInfo(source_zone))
    local_opens = opens.astimezone(site_zone)
    day_shift = (local_opens.date() - today).days
    byday = ",".join(
        DAY_CODES[(DAY_CODES.index(code) + day_shift) % 7] for code in fields["byday"].split(",")
    )
    site_zone_name = ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)
    return {
        "byday": byday,
        "opens_at": local_opens.time(),
        "closes_at": closes.astimezone(site_zone).time(),
        "description": f"{fields['description']}; shown here in {site_zone_name}",
    }

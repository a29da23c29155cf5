"""Write the national lines and the sample region to the database: one transaction, safe to rerun.

Every record gets a stable id (uuid5 of a fixed namespace and the record's key), so a second run
finds what the first one wrote. `make run` loads every time, so a rerun must never undo a
curator's work:

- A record no one but the loader has written is refreshed to the shipped values (that is how a
  release's corrections reach a database), its child records synced: phones, schedules,
  languages, service areas, links to locations and terms the data no longer names are removed.
- A record a curator changed is left exactly as it is, with all of those. A service counts as
  changed when its row, one of its phones or schedules (deleted ones included) or, through the
  admin's log, one of its languages, service areas or links to locations was changed; a
  location likewise with its phones and schedules. A link to a location belongs to both ends,
  and is left alone when either is the curator's.
- A record a curator deleted stays deleted: deleting a sample entry is a curator's decision.
- A record missing for any other reason (a new one in this release) is added.
- `reset=True` (`load_sample_data --reset`) puts every record back as shipped, status and last
  verified date included; it removes what curators added to them, and brings back what they
  deleted. Records of curators' own are left alone.

Who changed a record is already recorded, so the rule reads it rather than keeping anything of
its own (resources.sample_data.curated): the loader's history rows carry LOADER_REASON and no
user, while the admin's rows always name the curator (HistoryRequestMiddleware), and the
importer's and bulk actions' rows a reason of their own. Rows from earlier loaders name no one;
they count as the loader's (so does any change that names no one, a save in a shell say). A
record is the curator's when its newest change is not the loader's, so after a --reset (which
writes a row for every organisation, location and service) the loader refreshes it again.
Storing a fingerprint of the shipped values on each record would also see changes made without
history (an update() in a shell), but needs new columns, and still could not tell a curator's
deletion from a record never loaded. Field-by-field provenance is for the HSDS sample file that
will replace this loader.
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
from resources.sample_data.curated import LOADER_REASON, CuratorChange, changed_by_curators
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
class Kept:
    """A record left as a curator left it, or not loaded again because a curator deleted it."""

    kind: str  # the model's verbose name
    label: str  # the record's slug or key in the sample data
    change: CuratorChange
    deleted: bool


@dataclass(frozen=True)
class LoadResult:
    national: int
    local: int
    region: str
    kept: tuple = ()


def record_id(*key):
    return uuid.uuid5(SAMPLE_NAMESPACE, "/".join(str(part) for part in key))


def load_sample_data(today=None, reset=False):
    """Add what is missing and refresh what only the loader has written, keeping what curators
    changed or deleted; with `reset`, put every record back as shipped. Returns what was loaded
    and what was kept."""
    today = today or timezone.localdate()
    with transaction.atomic(), indexing_deferred():
        load = _Load(today, reset)
        for data, is_sample in [(national.ORGANIZATIONS, False), (local.ORGANIZATIONS, True)]:
            for record in data:
                load.organization(record, is_sample)
        for record in local.LOCATIONS:
            load.location(record)
        for data, is_sample in [(national.SERVICES, False), (local.SERVICES, True)]:
            for record in data:
                load.service(record, is_sample)
    return LoadResult(
        national=len(national.SERVICES),
        local=len(local.SERVICES),
        region=local.REGION,
        kept=tuple(load.kept),
    )


class _Load:
    """One run of the loader: what it found curators changed, and what it kept for them."""

    def __init__(self, today, reset):
        self.today = today
        self.reset = reset
        self.kept = []
        self.curated = {} if reset else _changed_by_curators()
        self.terms = {
            (term.taxonomy.name, term.code): term
            for term in TaxonomyTerm.objects.filter(taxonomy__name__in=FACETS.values())
            .select_related("taxonomy")
            .order_by()
        }
        # Ids by key; None for an organisation a curator deleted.
        self.organizations = {}
        self.locations = {}

    def _keep(self, model, pk, label):
        """The record's Kept, noted, when a curator changed or deleted it; else None."""
        change = self.curated.get(pk)
        if change is None:
            return None
        kept = Kept(
            kind=model._meta.verbose_name,
            label=label,
            change=change,
            deleted=not model.objects.filter(pk=pk).exists(),
        )
        self.kept.append(kept)
        return kept

    def organization(self, record, is_sample):
        key = record["key"]
        pk = self.organizations[key] = record_id("organization", key)
        if kept := self._keep(Organization, pk, key):
            if kept.deleted:
                self.organizations[key] = None
            return
        _update_or_create(
            Organization,
            pk,
            key,
            force=self.reset,
            name=record["name"],
            alternate_name=record.get("alternate_name", ""),
            description=record.get("description", ""),
            email=record.get("email", ""),
            website=record.get("website", ""),
            is_sample=is_sample,
        )

    def location(self, record):
        key = ("location", record["key"])
        pk = self.locations[record["key"]] = record_id(*key)
        if self._keep(Location, pk, record["key"]):
            return
        coordinates = {
            name: Decimal(record[name]) if name in record else None
            for name in ("latitude", "longitude")
        }
        location = _update_or_create(
            Location,
            pk,
            record["key"],
            force=self.reset,
            location_type=record.get("location_type", Location.Type.PHYSICAL),
            # Deleting an organisation leaves its locations without one (SET_NULL).
            organization_id=self.organizations[record["organization"]],
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
        _sync_schedules(location, key, record.get("schedules", []), self.today)

    def service(self, record, is_sample):
        slug = record["slug"]
        key = ("service", slug)
        pk = record_id(*key)
        if self._keep(Service, pk, slug):
            return
        organization_id = self.organizations[record["organization"]]
        if organization_id is None:
            # Organisations protect their services: this one was deleted before its organisation.
            change = self.curated[record_id("organization", record["organization"])]
            self.kept.append(Kept(Service._meta.verbose_name, slug, change, deleted=True))
            return
        days_ago = record.get("verified_days_ago")
        verified = {
            "assured_date": None if days_ago is None else self.today - timedelta(days=days_ago),
            "assured_by_id": None,
        }
        service = _update_or_create(
            Service,
            pk,
            slug,
            force=self.reset,
            # Only --reset puts the shipped verification back; a rerun would move it each day.
            create_defaults=None if self.reset else verified,
            **(verified if self.reset else {}),
            organization_id=organization_id,
            slug=slug,
            status=record.get("status", Service.Status.PUBLISHED),
            minimum_age=record.get("minimum_age"),
            maximum_age=record.get("maximum_age"),
            is_sample=is_sample,
            **{name: record.get(name, "") for name in SERVICE_FIELDS},
        )
        service.terms.set(_terms_of(record, self.terms))
        _sync_phones(service, key, record.get("phones", []))
        _sync_schedules(service, key, record.get("schedules", []), self.today)
        _sync(
            service.languages.all(),
            [
                (
                    Language,
                    record_id(*key, "language", code),
                    {"service_id": pk, "code": code, "note": note},
                )
                for code, note in record.get("languages", {}).items()
            ],
            slug,
        )
        _sync(
            service.service_areas.all(),
            [
                (ServiceArea, record_id(*key, "area", name), {"service_id": pk, "name": name})
                for name in record.get("service_areas", [])
            ],
            slug,
        )
        # A link belongs to its location too: one a curator changed keeps its links as they are.
        curators_locations = [
            location_id for location_id in self.locations.values() if location_id in self.curated
        ]
        _sync(
            service.service_at_locations.exclude(location_id__in=curators_locations),
            [
                (
                    ServiceAtLocation,
                    record_id(*key, "location", location_key),
                    {
                        "service_id": pk,
                        "location_id": self.locations[location_key],
                        "description": note,
                    },
                )
                for location_key, note in record.get("locations", {}).items()
                if self.locations[location_key] not in curators_locations
            ],
            slug,
        )


def _changed_by_curators():
    services = [*national.SERVICES, *local.SERVICES]
    parts = {}
    for record in services:
        key = ("service", record["slug"])
        service_id = record_id(*key)
        parts.update(
            (record_id(*key, *part), service_id)
            for part in [
                *(("language", code) for code in record.get("languages", {})),
                *(("area", name) for name in record.get("service_areas", [])),
                *(("location", location_key) for location_key in record.get("locations", {})),
            ]
        )
    return changed_by_curators(
        organization_ids=[
            record_id("organization", record["key"])
            for record in [*national.ORGANIZATIONS, *local.ORGANIZATIONS]
        ],
        location_ids=[record_id("location", record["key"]) for record in local.LOCATIONS],
        service_ids=[record_id("service", record["slug"]) for record in services],
        service_parts=parts,
    )


def _update_or_create(model, pk, label, *, create_defaults=None, force=False, **fields):
    """update_or_create by id, validated with full_clean(), and saved only when it changed
    (or when `force`d); its history row names the loader.

    `create_defaults` are set only on a new record, as with QuerySet.update_or_create().
    """
    instance = model.objects.filter(pk=pk).first()
    if instance is None:
        instance = model(pk=pk, **fields, **(create_defaults or {}))
    elif not force and all(getattr(instance, name) == value for name, value in fields.items()):
        instance._change_reason = LOADER_REASON
        return instance
    else:
        for name, value in fields.items():
            setattr(instance, name, value)
    instance._change_reason = LOADER_REASON
    try:
        instance.full_clean()
    except ValidationError as error:
        raise SampleDataError(f"{model._meta.verbose_name} {label}: {error}") from error
    instance.save()
    return instance


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
    # Remove first, so a leftover row cannot trip a unique constraint of a wanted one; one by
    # one, so each history row names the loader.
    for leftover in existing.exclude(pk__in=[pk for _model, pk, _fields in wanted]):
        leftover._change_reason = LOADER_REASON
        leftover.delete()
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

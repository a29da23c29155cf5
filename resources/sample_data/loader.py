"""Load the shipped directory: HSDS 3.0 JSON files, through the importer like any other file.

`national.json` holds the real national US lines, `dane-county.json` the made-up sample region;
both are the importer's service-rooted JSON, written once from the Python loader they replace
(ids kept, so databases loaded before match). `make run` loads them every time, so a rerun goes
by the importer's rules for curators' edits (resources.hsds.provenance), with "sample data" as
the source: what only the sample data set is refreshed to the shipped values, fields, statuses,
parts and terms a curator changed since are kept, and the report lists them. Besides:

- A record a curator deleted is not brought back: a record of the files (an organisation,
  location, service, or a part: phone, hours, language, area, link to a location) that this
  source wrote before, or that history shows deleted, and that does not exist now is left out
  of what is imported (with the services of a deleted organisation, the links to a deleted
  location). The importer deletes only what a file leaves out, so someone else deleted it.
- Verification dates are shipped relative to SHIPPED_ON and moved by the days since, so that a
  new database shows entries verified recently, overdue and never, as on the day they were
  written. A service this source has set before is given the date it set last time, so a
  rerun changes nothing and a curator's verification is kept.
- `reset=True` (`load_sample_data --reset`) imports with overwrite_curated, leaves nothing out
  and gives every date as shipped: the samples are put back as they ship.
- What HSDS does not carry is in `beyond-hsds.json` and set after the import: the records of
  dane-county.json are labelled sample data (`is_sample`; the national lines are real and are
  not); a service new to the database gets its shipped web address name (`slug`, not made up
  from its name, so links stay as they were); a service shipped as a draft (HSDS has no draft:
  the file says `inactive`) is imported without the right to set statuses, so a new one is a
  draft and a stored one keeps its status; `--reset` makes it a draft again; weekly hours
  published in another time zone (`time_zones`: HSDS's `timezone` is a fixed UTC offset, and
  we keep none) are shipped in theirs and converted to the site's before the import, at
  today's offset.
- The Spanish text (issue 17) is in the files beside the English, as our own `<field>_es` keys
  of services, organisations and schedules, which the importer reads (HSDS has no place for
  it): the Spanish-language services and the national lines that answer in Spanish have it.
"""

import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from resources.hsds.importer import FULL_RIGHTS, ImportRights, import_hsds
from resources.hsds.provenance import kind_of
from resources.models import (
    Language,
    Location,
    Organization,
    Phone,
    Provenance,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from resources.schedules.words import DAY_CODES

HERE = Path(__file__).resolve().parent
NATIONAL_FILE = HERE / "national.json"
SAMPLE_FILE = HERE / "dane-county.json"
BEYOND_HSDS_FILE = HERE / "beyond-hsds.json"
# Drafts: a new one is a draft, a stored one keeps its status (see the module's docstring).
DRAFT_RIGHTS = ImportRights(publish=False, verify=True, taxonomies=True)
REGION = "Dane County, Wisconsin"
# The source the importer's provenance records for these files. Not translated: it is stored.
SOURCE = "sample data"
# The change reason of the history rows the loader writes itself (web address names, drafts).
LOADER_REASON = "Loaded from the sample data"
# The day the files' verification dates were written for.
SHIPPED_ON = date(2026, 11, 30)

# The records a curator may delete, not to be brought back.
DELETABLE = [
    Organization,
    Location,
    Service,
    Phone,
    Schedule,
    Language,
    ServiceArea,
    ServiceAtLocation,
]


class SampleDataError(Exception):
    """The shipped files do not import; the message gives the importer's report."""


@dataclass(frozen=True)
class Deleted:
    """A record of the files a curator deleted, not loaded again."""

    kind: str  # the model's verbose name
    label: str  # its name, or its id
    user: str  # the curator's username; empty when the deletion names none
    when: object  # a datetime; None where the record keeps no history


@dataclass(frozen=True)
class LoadResult:
    national: int
    local: int
    region: str
    deleted: tuple = ()
    changes: tuple = ()  # the importer's report of what was added, changed and kept, as lines
    kept: int = 0  # records the importer kept as curators changed them


def load_sample_data(today=None, reset=False):
    """Import the shipped files (see the module's docstring); one transaction."""
    today = today or timezone.localdate()
    files = [(NATIONAL_FILE, False), (SAMPLE_FILE, True)]
    loaded = [json.loads(path.read_text(encoding="utf-8")) for path, _ in files]
    beyond = json.loads(BEYOND_HSDS_FILE.read_text(encoding="utf-8"))
    drafts = set(beyond["drafts"])
    changes, kept = [], 0
    with transaction.atomic():
        deleted = {} if reset else _deleted_by_curators(loaded)
        for (_path, is_sample), services in zip(files, loaded, strict=True):
            services = _without(services, deleted)
            _date_verifications(services, today, reset)
            _in_site_time_zone(services, beyond["time_zones"], today)
            ids = [service["id"] for service in services]
            stored = {
                str(pk) for pk in Service.objects.filter(pk__in=ids).values_list("pk", flat=True)
            }
            for rights, part in [
                (FULL_RIGHTS, [s for s in services if s["id"] not in drafts]),
                (DRAFT_RIGHTS, [s for s in services if s["id"] in drafts]),
            ]:
                if part:
                    report = _import(part, reset, rights)
                    changes.extend(report.changes.lines(with_added=False))
                    kept += report.changes.kept_records()
            _label(services, is_sample)
            _name_new_services(set(ids) - stored, beyond["slugs"])
            if reset:
                _make_drafts(drafts & set(ids))
    return LoadResult(
        national=len(loaded[0]),
        local=len(loaded[1]),
        region=REGION,
        deleted=tuple(_first_deleted(deleted, loaded)),
        changes=tuple(changes),
        kept=kept,
    )


def _import(services, reset, rights):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "services.json"
        path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
        report = import_hsds(path, rights=rights, source=SOURCE, overwrite_curated=reset)
    if not report.ok:
        problems = "; ".join(str(problem) for problem in report.errors)
        raise SampleDataError(f"{report.summary()}: {problems}")
    return report


def _ids_of(services):
    """{model: {id: label}} of the records in the files that a curator may delete."""
    ids = {model: {} for model in DELETABLE}
    owners = {}  # a part's id: its owner's

    def note(model, record, label=None, owner=None):
        ids[model][record["id"]] = (record.get(label) if label else None) or record["id"]
        if owner is not None:
            owners[record["id"]] = owner["id"]

    for service in services:
        note(Organization, service["organization"], "name")
        note(Service, service, "name", owner=service["organization"])
        for link in service.get("service_at_locations", []):
            location = link["location"]
            note(ServiceAtLocation, link, owner=service)
            note(Location, location, "name")
            for phone in location.get("phones", []):
                note(Phone, phone, "number", owner=location)
            for schedule in location.get("schedules", []):
                note(Schedule, schedule, owner=location)
        for phone in service.get("phones", []):
            note(Phone, phone, "number", owner=service)
        for schedule in service.get("schedules", []):
            note(Schedule, schedule, owner=service)
        for language in service.get("languages", []):
            note(Language, language, "name", owner=service)
        for area in service.get("service_areas", []):
            note(ServiceArea, area, "name", owner=service)
    return ids, owners


def _deleted_by_curators(loaded):
    """{id: Deleted} for the records of the files that do not exist now although this source
    wrote them before (its provenance is kept after a deletion), or that history shows were
    deleted (databases loaded before the files). The importer deletes only what a file leaves
    out, so these were deleted by a curator. Two queries per model, and one for provenance."""
    ids, _owners = _ids_of([service for services in loaded for service in services])
    every_id = [pk for labels in ids.values() for pk in labels]
    written = {
        (kind, str(pk))
        for kind, pk in Provenance.objects.filter(
            source=SOURCE, record_id__in=every_id
        ).values_list("kind", "record_id")
    }
    deleted = {}
    for model, labels in ids.items():
        existing = {
            str(pk) for pk in model.objects.filter(pk__in=list(labels)).values_list("pk", flat=True)
        }
        history = {}
        if hasattr(model, "history"):
            rows = (
                model.history.filter(id__in=list(labels), history_type="-")
                .exclude(id__in=list(existing))
                .order_by("history_date")
                .values_list("id", "history_date", "history_user_id")
            )
            history = {str(pk): (when, user_id) for pk, when, user_id in rows}
        users = _usernames({user_id for _when, user_id in history.values()})
        kind = kind_of(model)
        for pk, label in labels.items():
            if pk in existing or (pk not in history and (kind, pk) not in written):
                continue
            when, user_id = history.get(pk, (None, None))
            deleted[pk] = Deleted(
                kind=str(model._meta.verbose_name),
                label=label,
                user=users.get(user_id, ""),
                when=when,
            )
    return deleted


def _first_deleted(deleted, loaded):
    """The deleted records whose owner was not deleted with them, for the report."""
    _ids, owners = _ids_of([service for services in loaded for service in services])
    for pk, record in deleted.items():
        owner = owners.get(pk)
        if owner not in deleted and owners.get(owner) not in deleted:
            yield record


def _usernames(user_ids):
    rows = get_user_model().objects.filter(pk__in=[pk for pk in user_ids if pk is not None])
    return {user.pk: user.get_username() for user in rows}


def _without(services, deleted):
    """The services without the records curators deleted."""
    if not deleted:
        return services

    def kept(records):
        return [record for record in records if record["id"] not in deleted]

    return [
        {
            **service,
            "phones": kept(service.get("phones", [])),
            "schedules": kept(service.get("schedules", [])),
            "languages": kept(service.get("languages", [])),
            "service_areas": kept(service.get("service_areas", [])),
            "service_at_locations": [
                {
                    **link,
                    "location": {
                        **link["location"],
                        "phones": kept(link["location"].get("phones", [])),
                        "schedules": kept(link["location"].get("schedules", [])),
                    },
                }
                for link in kept(service.get("service_at_locations", []))
                if link["location"]["id"] not in deleted
            ],
        }
        for service in services
        if service["id"] not in deleted and service["organization"]["id"] not in deleted
    ]


def _date_verifications(services, today, reset):
    """Move the shipped verification dates by the days since SHIPPED_ON; a service this source
    set before gets the date it set then (unless `reset`)."""
    shift = today - SHIPPED_ON
    earlier = {}
    if not reset:
        earlier = {
            str(record_id): values.get("assured_date")
            for record_id, values in Provenance.objects.filter(
                kind="service", source=SOURCE, record_id__in=[s["id"] for s in services]
            ).values_list("record_id", "set_values")
        }
    for service in services:
        if service["id"] in earlier:
            dated = earlier[service["id"]]
        elif shipped := service.get("assured_date"):
            dated = (date.fromisoformat(shipped) + shift).isoformat()
        else:
            dated = None
        if dated:
            service["assured_date"] = dated
        else:
            service.pop("assured_date", None)


def _label(services, is_sample):
    """Label the records of a file as sample data or not, where they are not yet: one UPDATE
    each, on the first load (the flag is not a curator's to change, and has no history)."""
    organization_ids = {service["organization"]["id"] for service in services}
    service_ids = [service["id"] for service in services]
    for model, ids in [(Organization, list(organization_ids)), (Service, service_ids)]:
        model.objects.filter(pk__in=ids).exclude(is_sample=is_sample).update(is_sample=is_sample)


def _name_new_services(new_ids, slugs):
    """Give the services this load added their shipped web address names, where free."""
    shipped = list(slugs.values())
    taken = set(Service.objects.filter(slug__in=shipped).values_list("slug", flat=True))
    for service in Service.objects.filter(pk__in=list(new_ids)).order_by("pk"):
        slug = slugs.get(str(service.pk))
        if slug and slug != service.slug and slug not in taken:
            service.slug = slug
            service._change_reason = LOADER_REASON
            service.save(update_fields=["slug"])
            taken.add(slug)


def _make_drafts(ids):
    """--reset: the services shipped as drafts are drafts again."""
    for service in Service.objects.filter(pk__in=list(ids)).exclude(status=Service.Status.DRAFT):
        service.status = Service.Status.DRAFT
        service._change_reason = LOADER_REASON
        service.save(update_fields=["status"])


ZONE_NAMES = {
    "America/New_York": "Eastern time",
    "America/Chicago": "Central time",
    "America/Denver": "Mountain time",
    "America/Phoenix": "Arizona time",
    "America/Los_Angeles": "Pacific time",
    "America/Anchorage": "Alaska time",
    "Pacific/Honolulu": "Hawaii time",
}
# The same in the schedules' Spanish notes (stored text, as the English above).
ZONE_NAMES_ES = {
    "America/New_York": "hora del Este",
    "America/Chicago": "hora del Centro",
    "America/Denver": "hora de la Montaña",
    "America/Phoenix": "hora de Arizona",
    "America/Los_Angeles": "hora del Pacífico",
    "America/Anchorage": "hora de Alaska",
    "Pacific/Honolulu": "hora de Hawái",
}


def _in_site_time_zone(services, time_zones, today):
    """Weekly hours published in another zone, as opening and closing times in the site's.

    "Open now" compares against the site's zone; the offset is taken on `today`."""
    site_zone = ZoneInfo(settings.TIME_ZONE)
    for service in services:
        for schedule in service.get("schedules", []):
            zone = time_zones.get(schedule["id"])
            if zone is None or zone == settings.TIME_ZONE:
                continue
            if schedule["freq"] != "WEEKLY":
                raise SampleDataError(f"only weekly hours can be given in another zone: {schedule}")
            opens, closes = (
                datetime.combine(today, time.fromisoformat(schedule[name]), ZoneInfo(zone))
                for name in ("opens_at", "closes_at")
            )
            local_opens = opens.astimezone(site_zone)
            shift = (local_opens.date() - today).days
            schedule["byday"] = ",".join(
                DAY_CODES[(DAY_CODES.index(code) + shift) % 7]
                for code in schedule["byday"].split(",")
            )
            schedule["opens_at"] = local_opens.time().isoformat()
            schedule["closes_at"] = closes.astimezone(site_zone).time().isoformat()
            site_zone_name = ZONE_NAMES.get(settings.TIME_ZONE, settings.TIME_ZONE)
            schedule["description"] += f"; shown here in {site_zone_name}"
            if schedule.get("description_es"):
                zone_name_es = ZONE_NAMES_ES.get(settings.TIME_ZONE, settings.TIME_ZONE)
                schedule["description_es"] += f"; aquí se muestra en {zone_name_es}"

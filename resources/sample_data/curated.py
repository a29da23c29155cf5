"""Which of the sample loader's records a curator has changed since the loader last wrote them.

Read from what is already recorded: django-simple-history's rows, and the admin's log for the
three small records that keep no history (a service's languages, service areas and links to
locations). See resources.sample_data.loader for the rule and why it is this one.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from resources.models import (
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)

# The change reason of every history row the loader writes. Not translated: stored rows are
# compared with it, whatever language the run that wrote them spoke.
LOADER_REASON = "Loaded from the sample data"

# A record's own rows, and its phones' and hours' rows (kept after they are deleted, with the
# owner's id): who changed a phone of a service changed the service.
ORGANIZATION_FAMILY = [(Organization, "id")]
LOCATION_FAMILY = [(Location, "id"), (Phone, "location_id"), (Schedule, "location_id")]
SERVICE_FAMILY = [(Service, "id"), (Phone, "service_id"), (Schedule, "service_id")]
# Edited inline on the service's page (which saves the service too) or on pages of their own.
UNRECORDED_PARTS = [Language, ServiceArea, ServiceAtLocation]


@dataclass(frozen=True)
class CuratorChange:
    """The newest change to a record (its phones and hours included) not made by the loader."""

    when: datetime
    user: str  # the username; empty for a change that names none, e.g. an import's
    reason: str


def is_the_loaders(user, reason):
    """A history row the loader wrote: no user, and its reason; earlier loaders gave none."""
    return user is None and reason in (None, "", LOADER_REASON)


def changed_by_curators(organization_ids, location_ids, service_ids, service_parts):
    """{record id: CuratorChange} for the records of these ids that someone other than the
    loader changed or deleted after the loader last wrote them.

    `service_parts` maps the ids of the languages, service areas and location links the loader
    ships to their service's id, so that a curator's deletion of one is still found. A query
    for each history table and four for the admin's log, however many records.
    """
    newest = _NewestChanges()
    for family, owner_ids in [
        (ORGANIZATION_FAMILY, organization_ids),
        (LOCATION_FAMILY, location_ids),
        (SERVICE_FAMILY, service_ids),
    ]:
        for model, owner_field in family:
            for owner_id, user, reason, when in _authors(model, owner_field, owner_ids):
                newest.add(owner_id, when, user, reason)
    for service_id, user, when in _admin_changes_to_parts(service_ids, service_parts):
        newest.add(service_id, when, user, None)
    return newest.by_curators()


class _NewestChanges:
    def __init__(self):
        self.loaders = {}
        self.curators = {}

    def add(self, owner_id, when, user, reason):
        if is_the_loaders(user, reason):
            if owner_id not in self.loaders or when > self.loaders[owner_id]:
                self.loaders[owner_id] = when
        elif owner_id not in self.curators or when > self.curators[owner_id].when:
            self.curators[owner_id] = CuratorChange(when, user or "", reason or "")

    def by_curators(self):
        # A change older than the loader's last write was undone by it (a --reset, or a loader
        # from before curators' changes were kept), so the record is the loader's again.
        return {
            owner_id: change
            for owner_id, change in self.curators.items()
            if owner_id not in self.loaders or change.when > self.loaders[owner_id]
        }


def _username_field(relation):
    return f"{relation}__{get_user_model().USERNAME_FIELD}"


def _authors(model, owner_field, owner_ids):
    """(owner id, username, change reason, newest date): one for each author of the rows."""
    return (
        model.history.filter(**{f"{owner_field}__in": owner_ids})
        .values_list(owner_field, _username_field("history_user"), "history_change_reason")
        .annotate(last=Max("history_date"))
        # The history's default ordering would join the grouping.
        .order_by()
    )


def _admin_changes_to_parts(service_ids, service_parts):
    """(service id, username, newest date) of admin changes to a service's unrecorded parts:
    those it has now (a curator's own among them) and those the loader ships (deleted ones
    among them)."""
    services = {str(pk): service_id for pk, service_id in service_parts.items()}
    for model in UNRECORDED_PARTS:
        services.update(
            (str(pk), service_id)
            for pk, service_id in model.objects.filter(service_id__in=service_ids).values_list(
                "pk", "service_id"
            )
        )
    logged = (
        LogEntry.objects.filter(
            content_type__in=ContentType.objects.get_for_models(*UNRECORDED_PARTS).values(),
            object_id__in=services,
        )
        .values_list("object_id", _username_field("user"))
        .annotate(last=Max("action_time"))
        .order_by()
    )
    for object_id, user, when in logged:
        yield services[object_id], user, when

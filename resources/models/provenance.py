"""Where a record came from: one row per record and source (a file, a feed, the curators)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from resources.models.base import HSDSRecord

PROVENANCE_NAMESPACE = uuid.UUID("5f1c0b6e-8a3d-4e27-9c41-2d7b6a9e0f13")


class Provenance(HSDSRecord):
    """What one source last set in one record, and when.

    Its id is derived from (kind, record id, source), so an import writes these rows a batch at a
    time by id, as it writes the records. `created` is when the source first set the record,
    `modified` when it last set different values.
    """

    kind = models.CharField(
        _("kind of record"), max_length=50, help_text=_("The HSDS table: service, location, …")
    )
    record_id = models.UUIDField(_("record's HSDS id"))
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("A file upload, the command line, a harvested feed's name, or the curators."),
    )
    set_values = models.JSONField(
        _("values set"),
        default=dict,
        blank=True,
        help_text=_("The fields this source last set, with the values it gave them."),
    )

    class Meta:
        verbose_name = _("provenance")
        verbose_name_plural = _("provenance")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id", "source"], name="provenance_one_row_per_source"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="") & ~models.Q(source=""),
                name="provenance_kind_and_source_given",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.record_id}: {self.source}"

    @staticmethod
    def id_for(kind, record_id, source):
        return uuid.uuid5(PROVENANCE_NAMESPACE, f"{kind} {record_id} {source}")

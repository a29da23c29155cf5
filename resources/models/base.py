import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class HSDSRecord(models.Model):
    """A record that keeps its Open Referral HSDS id, so data round-trips between systems."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
        verbose_name=_("HSDS id"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        abstract = True

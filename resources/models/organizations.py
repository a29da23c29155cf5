from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources.models.base import HSDSRecord


class Organization(HSDSRecord):
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    # Required by Open Referral (HSDS): an export with an organisation lacking one is invalid.
    # Rows from visitors' suggestions may still lack one until a curator writes it.
    description = models.TextField(
        _("description"), help_text=_("What the organisation is, in a sentence or two.")
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Made-up entry that ships with the project; labelled as sample publicly."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

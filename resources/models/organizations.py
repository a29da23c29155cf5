from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources.models.base import IN_SPANISH_HELP, HSDSRecord


class Organization(HSDSRecord):
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    # Required by Open Referral (HSDS): an export with an organisation lacking one is invalid.
    # Rows from visitors' suggestions may still lack one until a curator writes it.
    description = models.TextField(
        _("description"), help_text=_("What the organisation is, in a sentence or two.")
    )
    name_es = models.CharField(
        _("name in Spanish"), max_length=200, blank=True, help_text=IN_SPANISH_HELP
    )
    description_es = models.TextField(
        _("description in Spanish"), blank=True, help_text=IN_SPANISH_HELP
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    legal_status = models.CharField(
        _("legal status"), max_length=200, blank=True, help_text=_("E.g. charity, nonprofit.")
    )
    tax_status = models.CharField(_("tax status"), max_length=200, blank=True)
    tax_id = models.CharField(_("tax id"), max_length=100, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(
        _("year incorporated"), null=True, blank=True
    )
    logo = models.URLField(_("logo"), max_length=500, blank=True, help_text=_("An image's URL."))
    uri = models.URLField(
        _("URI"), max_length=500, blank=True, help_text=_("A persistent identifier of it.")
    )
    parent_organization = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="child_organizations",
        verbose_name=_("parent organisation"),
    )
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
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent_organization=models.F("id")),
                name="organization_not_its_own_parent",
                violation_error_message=_("An organisation cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return self.name

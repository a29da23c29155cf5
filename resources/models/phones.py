from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources.models.base import HSDSRecord


def dial_string(number, extension=""):
    """Phone numbers as tel:/sms: links want them: digits and a leading +."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    extension_digits = "".join(ch for ch in extension if ch.isdigit())
    return f"{digits},{extension_digits}" if extension_digits else digits


class Phone(HSDSRecord):
    class Type(models.TextChoices):
        VOICE = "voice", _("Call")
        SMS = "sms", _("Text (SMS)")
        TTY = "tty", _("TTY")
        FAX = "fax", _("Fax")

    # HSDS names two of the types differently.
    HSDS_TYPES = {"voice": "voice", "sms": "text", "tty": "textphone", "fax": "fax"}

    service = models.ForeignKey(
        "resources.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        "resources.Location",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("location"),
    )
    organization = models.ForeignKey(
        "resources.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("organisation"),
    )
    contact = models.ForeignKey(
        "resources.Contact",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("contact"),
        help_text=_("The person or role this number reaches, if any."),
    )
    number = models.CharField(
        _("number"), max_length=50, help_text=_("As people dial it, e.g. 988 or 608-555-0100.")
    )
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=5, choices=Type.choices, default=Type.VOICE)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("E.g. press 1 for veterans; Spanish line."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("The first number is shown as the main one.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "type", "number"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type__in=["voice", "sms", "tty", "fax"]),
                name="phone_type_valid",
            ),
            models.CheckConstraint(condition=~models.Q(number=""), name="phone_has_number"),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        service__isnull=False, location__isnull=True, organization__isnull=True
                    )
                    | models.Q(
                        service__isnull=True, location__isnull=False, organization__isnull=True
                    )
                    | models.Q(
                        service__isnull=True, location__isnull=True, organization__isnull=False
                    )
                    # A contact's number may belong to the contact alone.
                    | models.Q(
                        service__isnull=True,
                        location__isnull=True,
                        organization__isnull=True,
                        contact__isnull=False,
                    )
                ),
                name="phone_belongs_to_exactly_one",
                violation_error_message=_(
                    "A phone number belongs to exactly one service, location or organisation, "
                    "or to a contact alone."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()}: {self.number}"

    @property
    def dial_string(self):
        return dial_string(self.number, self.extension)

    @property
    def link_scheme(self):
        return "sms" if self.type == self.Type.SMS else "tel"

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources.models.base import ChangeSetHistory, HSDSRecord


def dial_string(number, extension=""):
    """Phone numbers as tel:/sms: links want them: digits and a leading +."""
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    extension_digits = "".join(ch for ch in extension if ch.isdigit())
    return f"{digits},{extension_digits}" if extension_digits else digits


class Phone(HSDSRecord):
    class Type(models.TextChoices):
        VOICE = "voice", _("Call")
        CELL = "cell", _("Call (mobile)")
        SMS = "sms", _("Text (SMS)")
        TTY = "tty", _("TTY")
        FAX = "fax", _("Fax")
        VIDEO = "video", _("Video call")
        PAGER = "pager", _("Pager")

    # HSDS names two of the types differently; the others are its own.
    HSDS_TYPES = {
        "voice": "voice",
        "cell": "cell",
        "sms": "text",
        "tty": "textphone",
        "fax": "fax",
        "video": "video",
        "pager": "pager",
    }
    CALLABLE = ("voice", "cell")

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
    service_at_location = models.ForeignKey(
        "resources.ServiceAtLocation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
        verbose_name=_("service at location"),
        help_text=_("The number of the service at one of its places only."),
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

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["position", "type", "number"]
        verbose_name = _("phone")
        verbose_name_plural = _("phones")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    type__in=["voice", "cell", "sms", "tty", "fax", "video", "pager"]
                ),
                name="phone_type_valid",
            ),
            models.CheckConstraint(condition=~models.Q(number=""), name="phone_has_number"),
            # HSDS lets a number name a service and its location together, or a service at a
            # location: the links are kept as the source gives them.
            models.CheckConstraint(
                condition=(
                    models.Q(service__isnull=False)
                    | models.Q(location__isnull=False)
                    | models.Q(organization__isnull=False)
                    | models.Q(service_at_location__isnull=False)
                    | models.Q(contact__isnull=False)
                ),
                name="phone_belongs_to_something",
                violation_error_message=_(
                    "A phone number belongs to a service, a location, an organisation, a "
                    "service at a location or a contact."
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

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resources.models.base import ChangeSetHistory, HSDSRecord


class Location(HSDSRecord):
    class Type(models.TextChoices):
        PHYSICAL = "physical", _("A place people can visit")
        VIRTUAL = "virtual", _("Online or by phone only")
        POSTAL = "postal", _("Postal address only")

    location_type = models.CharField(
        _("type"), max_length=10, choices=Type.choices, default=Type.PHYSICAL
    )
    organization = models.ForeignKey(
        "resources.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("alternate name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("web address"), blank=True, help_text=_("For online locations."))
    external_identifier = models.CharField(
        _("external identifier"),
        max_length=200,
        blank=True,
        help_text=_("Another register's id for this place, e.g. a UPRN."),
    )
    external_identifier_type = models.CharField(
        _("external identifier type"),
        max_length=100,
        blank=True,
        help_text=_("Which register the identifier is from."),
    )
    # HSDS keeps addresses as records of their own. The one held here is the address visitors
    # go to (HSDS's physical one), with its HSDS id; the location's other addresses (postal,
    # virtual, more) are Address records.
    address_id = models.UUIDField(_("HSDS address id"), default=uuid.uuid4, editable=False)
    attention = models.CharField(
        _("for the attention of"), max_length=200, blank=True, help_text=_("Attention line.")
    )
    address_1 = models.CharField(_("street address"), max_length=200, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city or town"), max_length=100, blank=True)
    region = models.CharField(_("county or region"), max_length=100, blank=True)
    state_province = models.CharField(_("state"), max_length=100, blank=True)
    postal_code = models.CharField(_("ZIP or postal code"), max_length=20, blank=True)
    country = models.CharField(
        _("country"), max_length=2, default="US", help_text=_("Two-letter code, e.g. US.")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    coordinates_approximate = models.BooleanField(
        _("approximate position"),
        default=False,
        help_text=_(
            "Set when the coordinates are the ZIP code's or the town's centre, not the "
            "address's own. Exact coordinates typed by a curator clear it."
        ),
    )
    transportation = models.TextField(
        _("getting there"), blank=True, help_text=_("Buses, parking, nearest stop.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, accessible toilets, hearing loops, and the like."),
    )
    # HSDS's accessibility record: its id as the source gave it (None: derived on export).
    accessibility_id = models.UUIDField(
        _("HSDS accessibility id"), null=True, blank=True, editable=False
    )
    accessibility_details = models.TextField(
        _("accessibility details"), blank=True, help_text=_("More on the access, if any.")
    )
    accessibility_url = models.URLField(_("accessibility web page"), max_length=500, blank=True)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        # The bounding-box prefilter of distance search reads these.
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_coordinates")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(location_type__in=["physical", "virtual", "postal"]),
                name="location_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_in_range",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_in_range",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="location_coordinates_together",
                violation_error_message=_("Give both latitude and longitude, or neither."),
            ),
            models.CheckConstraint(
                condition=models.Q(coordinates_approximate=False)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="location_approximate_has_coordinates",
                violation_error_message=_("Only coordinates can be approximate."),
            ),
        ]

    def __str__(self):
        return ", ".join(part for part in [self.name, self.city] if part)

    @property
    def is_physical(self):
        return self.location_type == self.Type.PHYSICAL

    @property
    def address_lines(self):
        """The postal address as the lines a visitor would write on an envelope."""
        town = " ".join(
            part
            for part in [
                f"{self.city}," if self.city else "",
                self.state_province,
                self.postal_code,
            ]
            if part
        ).strip(" ,")
        return [line for line in [self.address_1, self.address_2, town] if line]

    @property
    def postal_addresses(self):
        """The location's postal addresses (from the prefetched addresses when there are
        some): for writing to, never a place to visit."""
        return [
            address
            for address in self.addresses.all()
            if address.address_type == Address.Type.POSTAL and address.address_lines
        ]

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class Address(HSDSRecord):
    """An address of a location besides the one visitors go to (held on the Location): a
    postal address, a virtual one, or a further physical one, kept as HSDS gives it."""

    class Type(models.TextChoices):
        PHYSICAL = "physical", _("Physical")
        POSTAL = "postal", _("Postal")
        VIRTUAL = "virtual", _("Virtual")

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="addresses", verbose_name=_("location")
    )
    address_type = models.CharField(
        _("address type"), max_length=10, choices=Type.choices, default=Type.POSTAL
    )
    attention = models.CharField(_("for the attention of"), max_length=200, blank=True)
    address_1 = models.CharField(_("street address"), max_length=200, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city or town"), max_length=100, blank=True)
    region = models.CharField(_("county or region"), max_length=100, blank=True)
    state_province = models.CharField(_("state"), max_length=100, blank=True)
    postal_code = models.CharField(_("ZIP or postal code"), max_length=20, blank=True)
    country = models.CharField(
        _("country"), max_length=2, default="US", help_text=_("Two-letter code, e.g. US.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("other address")
        verbose_name_plural = _("other addresses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(address_type__in=["physical", "postal", "virtual"]),
                name="address_type_valid",
            ),
        ]

    def __str__(self):
        return ", ".join(self.address_lines) or str(self.get_address_type_display())

    @property
    def address_lines(self):
        return Location.address_lines.fget(self)

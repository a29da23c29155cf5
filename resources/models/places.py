from django.db import models
from django.utils.translation import gettext_lazy as _


class Place(models.Model):
    """A postcode or town with its coordinates: the offline gazetteer behind "near"."""

    country = models.CharField(_("country"), max_length=2, help_text=_("Two-letter code, e.g. US."))
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    name = models.CharField(_("town or place"), max_length=200)
    region = models.CharField(
        _("state or region"),
        max_length=100,
        blank=True,
        help_text=_("As written in addresses, e.g. WI."),
    )
    county = models.CharField(_("county"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    timezone = models.CharField(_("time zone"), max_length=64, blank=True)

    class Meta:
        ordering = ["country", "postcode", "name"]
        # Looked up, not curated: where a ZIP code or town is, for "near" searches.
        verbose_name = _("gazetteer entry (ZIP code or town)")
        verbose_name_plural = _("gazetteer (ZIP codes and towns)")
        indexes = [
            models.Index(fields=["postcode"], name="place_postcode"),
            models.Index(fields=["name", "region"], name="place_name_region"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "postcode", "name"], name="place_unique_postcode_and_name"
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_in_range",
            ),
            models.CheckConstraint(condition=~models.Q(name=""), name="place_has_name"),
        ]

    def __str__(self):
        town = f"{self.name}, {self.region}" if self.region else self.name
        return f"{self.postcode} {town}" if self.postcode else town

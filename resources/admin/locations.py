from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from resources.admin.inlines import (
    ADDRESS_LINES,
    AddressInline,
    ContactInline,
    PhoneInline,
    ScheduleInline,
    ServiceAtThisLocationInline,
)
from resources.admin.provenance import RecordsCuratorEdits
from resources.models import Location, Service
from resources.places.placing import place_approximately, zip_centres
from resources.places.resolve import COORDINATES

NOT_ON_THE_MAP = _(
    "Without coordinates, this location's services are missing from “near” searches. Left "
    "empty, they are filled in from the ZIP code's centre (else the town's) when the location "
    "is saved, and marked approximate until you give exact ones."
)


class LocationAdminForm(forms.ModelForm):
    coordinates = forms.CharField(
        label=_("Paste latitude, longitude"),
        required=False,
        max_length=60,
        help_text=_(
            "E.g. “43.0731, -89.4012”, as copied from a map: fills in both latitude and longitude."
        ),
    )

    class Meta:
        model = Location
        fields = ["latitude", "longitude"]  # The admin gives the fieldsets' fields.

    def clean(self):
        cleaned = super().clean()
        pasted = " ".join((cleaned.get("coordinates") or "").split())
        if pasted:
            match = COORDINATES.match(pasted)
            latitude = longitude = None
            if match:
                latitude, longitude = (Decimal(part) for part in match.groups())
            if latitude is None or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                self.add_error(
                    "coordinates",
                    _(
                        "Give latitude, then longitude, separated by a comma, e.g. "
                        "“43.0731, -89.4012”: latitude runs from -90 to 90, longitude from "
                        "-180 to 180."
                    ),
                )
                return cleaned
            cleaned["latitude"] = latitude.quantize(Decimal("0.000001"))
            cleaned["longitude"] = longitude.quantize(Decimal("0.000001"))
        typed = pasted or {"latitude", "longitude"} & set(self.changed_data)
        if cleaned.get("latitude") is None or cleaned.get("longitude") is None or typed:
            # Typed by a curator (or cleared): exact, or nothing to be approximate.
            self.instance.coordinates_approximate = False
        return cleaned


class OnTheMapFilter(admin.SimpleListFilter):
    title = _("on the map")
    parameter_name = "map"

    def lookups(self, request, model_admin):
        return [
            ("exact", _("Exactly")),
            ("approximate", _("Approximately (ZIP or town centre)")),
            ("missing", _("Not on the map")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "exact":
            return queryset.filter(latitude__isnull=False, coordinates_approximate=False)
        if self.value() == "approximate":
            return queryset.filter(coordinates_approximate=True)
        if self.value() == "missing":
            return queryset.filter(latitude__isnull=True)
        return queryset


class ServesPublishedFilter(admin.SimpleListFilter):
    title = _("services")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", _("Has a published service"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(
                pk__in=Location.objects.filter(
                    service_at_locations__service__status=Service.Status.PUBLISHED
                ).values("pk")
            )
        return queryset


@admin.register(Location)
class LocationAdmin(RecordsCuratorEdits, SimpleHistoryAdmin):
    form = LocationAdminForm
    list_display = [
        "name",
        "city",
        "state_province",
        "location_type",
        "organization",
        "on_the_map",
    ]
    list_select_related = ["organization"]
    list_filter = [
        "location_type",
        OnTheMapFilter,
        ServesPublishedFilter,
        "state_province",
    ]
    search_fields = ["name", "address_1", "address_2", "city", "postal_code"]
    search_help_text = _("Searches the name, street address, city and postal code.")
    autocomplete_fields = ["organization"]
    readonly_fields = ["coordinates_approximate"]
    actions = ["use_zip_centre"]
    fieldsets = [
        (
            _("The place"),
            {"fields": ["name", "location_type", "organization", "description", "url"]},
        ),
        (
            _("Address"),
            {
                "description": _(
                    "The address visitors go to. Postal and other addresses are listed below."
                ),
                "fields": ADDRESS_LINES,
            },
        ),
        (
            _("On the map"),
            {
                "fields": [
                    ("latitude", "longitude"),
                    "coordinates",
                    "coordinates_approximate",
                ],
                "description": format_lazy(
                    "{} {}",
                    _("Both or neither; they place the location on the map."),
                    NOT_ON_THE_MAP,
                ),
            },
        ),
        (_("Getting there"), {"fields": ["transportation", "accessibility"]}),
        (
            _("More HSDS details"),
            {
                "classes": ["collapse"],
                "fields": [
                    "alternate_name",
                    ("external_identifier", "external_identifier_type"),
                    "accessibility_details",
                    "accessibility_url",
                ],
            },
        ),
    ]
    inlines = [
        AddressInline,
        ServiceAtThisLocationInline,
        PhoneInline,
        ScheduleInline,
        ContactInline,
    ]

    @admin.display(description=_("on the map"))
    def on_the_map(self, location):
        if not location.has_coordinates:
            return _("No")
        return _("Approximately") if location.coordinates_approximate else _("Yes")

    def curator_set(self, obj, names):
        # Approximate coordinates are the gazetteer's, not the curator's: an import may
        # replace them with exact ones.
        if isinstance(obj, Location) and obj.coordinates_approximate:
            return [name for name in names if name not in {"latitude", "longitude"}]
        return names

    def save_model(self, request, obj, form, change):
        if not obj.has_coordinates:
            obj.coordinates_approximate = False
            place_approximately(obj)
        super().save_model(request, obj, form, change)
        if obj.is_physical and not obj.has_coordinates:
            messages.warning(request, NOT_ON_THE_MAP)

    @admin.action(
        description=_("Use the ZIP code's centre as the selected locations' coordinates"),
        permissions=["change"],
    )
    def use_zip_centre(self, request, queryset):
        locations = list(queryset)
        centres = zip_centres(locations)
        with transaction.atomic():
            for location, (latitude, longitude) in centres.items():
                location.latitude, location.longitude = latitude, longitude
                location.coordinates_approximate = True
                location._change_reason = str(_("Placed at the ZIP code's centre"))
                location.save()
        self.message_user(
            request,
            ngettext(
                "%(count)d location placed at its ZIP code's centre.",
                "%(count)d locations placed at their ZIP codes' centres.",
                len(centres),
            )
            % {"count": len(centres)},
            messages.SUCCESS,
        )
        left = len(locations) - len(centres)
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d location has no ZIP code we know; it was left as it was.",
                    "%(count)d locations have no ZIP code we know; they were left as they were.",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )

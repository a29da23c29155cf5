from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from resources.admin.inlines import (
    AddressInline,
    ContactInline,
    PhoneInline,
    ScheduleInline,
    ServiceAtThisLocationInline,
)
from resources.admin.provenance import RecordsCuratorEdits
from resources.models import Location


@admin.register(Location)
class LocationAdmin(RecordsCuratorEdits, SimpleHistoryAdmin):
    list_display = ["name", "city", "state_province", "location_type", "organization"]
    list_select_related = ["organization"]
    list_filter = ["location_type", "state_province"]
    search_fields = ["name", "address_1", "address_2", "city", "postal_code"]
    search_help_text = _("Searches the name, street address, city and postal code.")
    autocomplete_fields = ["organization"]
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
                "fields": [
                    "attention",
                    "address_1",
                    "address_2",
                    ("city", "postal_code"),
                    ("region", "state_province"),
                    "country",
                ],
            },
        ),
        (
            _("On the map"),
            {
                "fields": [("latitude", "longitude")],
                "description": _("Both or neither; they place the location on the map."),
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

"""The smaller records, usually edited inline, each with its own pages too."""

from itertools import groupby

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from resources.admin import display
from resources.admin.forms.records import PhoneAdminForm
from resources.admin.forms.schedules import ScheduleAdminForm
from resources.admin.inlines import ADDRESS_LINES, SCHEDULE_FIELDSETS, PhoneInline
from resources.admin.provenance import RecordsCuratorEdits
from resources.models import (
    Address,
    Contact,
    CostOption,
    Funding,
    Language,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
)
from resources.schedules.words import in_calendar_order


@admin.register(Phone)
class PhoneAdmin(RecordsCuratorEdits, SimpleHistoryAdmin):
    form = PhoneAdminForm
    list_display = ["number", "type", "owner", "description"]
    list_select_related = ["service", "location", "organization", "contact"]
    list_filter = ["type"]
    search_fields = ["number", "description"]
    autocomplete_fields = ["service", "location", "organization", "contact"]
    raw_id_fields = ["service_at_location"]
    fieldsets = [
        (None, {"fields": ["number", "extension", "type", "description", "position"]}),
        (
            _("Whose number it is"),
            {
                "fields": ["service", "location", "organization", "service_at_location", "contact"],
                "description": _("One of these, or as the source linked it."),
            },
        ),
    ]

    @admin.display(description=_("belongs to"))
    def owner(self, phone):
        return (
            phone.service
            or phone.location
            or phone.organization
            or phone.service_at_location
            or phone.contact
        )


@admin.register(Address)
class AddressAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "address_type", "location"]
    list_select_related = ["location"]
    list_filter = ["address_type"]
    search_fields = ["address_1", "city", "postal_code", "location__name"]
    autocomplete_fields = ["location"]
    fields = ["location", "address_type", *ADDRESS_LINES, "position"]


def _whose(schedule):
    return (schedule.service_id, schedule.location_id, schedule.service_at_location_id)


class ScheduleChangeList(ChangeList):
    """Each service's (or place's) rules in calendar order, as its own page lists them.

    Calendar order is the public pages' (resources.schedules.words.calendar_key), worked out in
    Python: the database gives a page of rows grouped by whose they are (ScheduleAdmin.ordering),
    and each group is put in calendar order. A column a curator sorts by is left as it is.
    """

    def get_results(self, request):
        super().get_results(request)
        if ORDER_VAR not in self.params:
            self.result_list = [
                schedule
                for _whose_they_are, rules in groupby(self.result_list, key=_whose)
                for schedule in in_calendar_order(rules)
            ]


@admin.register(Schedule)
class ScheduleAdmin(RecordsCuratorEdits, SimpleHistoryAdmin):
    form = ScheduleAdminForm
    list_display = ["in_words", "service", "location"]
    # Grouped by whose rules they are, for ScheduleChangeList to order each group.
    ordering = ["service__name", "service", "location__name", "location", "service_at_location"]
    list_select_related = ["service", "location"]
    list_filter = ["freq"]
    search_fields = ["service__name", "location__name", "description"]
    autocomplete_fields = ["service", "location"]
    raw_id_fields = ["service_at_location"]
    readonly_fields = ["rule_in_words"]
    fieldsets = [
        *SCHEDULE_FIELDSETS,
        (_("Whose hours they are"), {"fields": ["service", "location", "service_at_location"]}),
    ]

    @admin.display(description=_("in words"))
    def rule_in_words(self, schedule):
        return display.schedule_in_words(schedule)

    def get_changelist(self, request, **kwargs):
        return ScheduleChangeList


@admin.register(Language)
class LanguageAdmin(RecordsCuratorEdits, admin.ModelAdmin):
    list_display = ["name", "code", "service", "note"]
    list_select_related = ["service"]
    search_fields = ["service__name", "code"]
    autocomplete_fields = ["service"]
    raw_id_fields = ["location", "phone"]
    fieldsets = [
        (None, {"fields": ["service", "code", "note"]}),
        (
            _("More HSDS details"),
            {
                "classes": ["collapse"],
                "fields": ["location", "phone"],
                "description": _(
                    "Where the source says this language is spoken at one place or on one phone "
                    "line. Kept and exported; the pages do not show it."
                ),
            },
        ),
    ]


@admin.register(ServiceArea)
class ServiceAreaAdmin(RecordsCuratorEdits, admin.ModelAdmin):
    list_display = ["name", "service"]
    list_select_related = ["service"]
    search_fields = ["name", "service__name"]
    autocomplete_fields = ["service"]
    fieldsets = [
        (None, {"fields": ["service", "name", "description"]}),
        (
            _("More HSDS details"),
            {
                "classes": ["collapse"],
                "fields": ["extent", "extent_type", "uri"],
                "description": _("Kept as the source gave them and exported; no map uses them."),
            },
        ),
    ]


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(RecordsCuratorEdits, admin.ModelAdmin):
    list_display = ["service", "location"]
    list_select_related = ["service", "location"]
    search_fields = ["service__name", "location__name", "location__city"]
    autocomplete_fields = ["service", "location"]
    fields = ["service", "location", "description"]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "title", "department", "belongs_to"]
    list_select_related = ["service", "location", "organization", "service_at_location"]
    search_fields = ["name", "title", "department", "email"]
    autocomplete_fields = ["service", "location", "organization", "service_at_location"]
    fieldsets = [
        (None, {"fields": ["name", "title", "department", "email"]}),
        (
            _("Whose contact it is"),
            {"fields": ["service", "location", "organization", "service_at_location"]},
        ),
    ]
    inlines = [PhoneInline]

    @admin.display(description=_("belongs to"))
    def belongs_to(self, contact):
        return (
            contact.service
            or contact.service_at_location
            or contact.location
            or contact.organization
        )


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "alternate_name", "organization__name"]
    autocomplete_fields = ["organization"]
    fields = ["organization", "name", "alternate_name", "description"]


@admin.register(Funding)
class FundingAdmin(SimpleHistoryAdmin):
    list_display = ["source", "service", "organization"]
    list_select_related = ["service", "organization"]
    search_fields = ["source", "service__name", "organization__name"]
    autocomplete_fields = ["service", "organization"]
    fields = ["source", "service", "organization"]


@admin.register(CostOption)
class CostOptionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "amount", "currency", "service"]
    list_select_related = ["service"]
    search_fields = ["option", "amount_description", "service__name"]
    autocomplete_fields = ["service"]
    fields = [
        "service",
        "option",
        ("amount", "currency"),
        "amount_description",
        ("valid_from", "valid_to"),
    ]


@admin.register(RequiredDocument)
class RequiredDocumentAdmin(SimpleHistoryAdmin):
    list_display = ["document", "service"]
    list_select_related = ["service"]
    search_fields = ["document", "service__name"]
    autocomplete_fields = ["service"]
    fields = ["service", "document", "uri"]


@admin.register(OrganizationIdentifier)
class OrganizationIdentifierAdmin(SimpleHistoryAdmin):
    list_display = ["identifier", "identifier_type", "organization"]
    list_select_related = ["organization"]
    search_fields = ["identifier", "identifier_type", "organization__name"]
    autocomplete_fields = ["organization"]
    fields = ["organization", "identifier_type", "identifier", "identifier_scheme"]

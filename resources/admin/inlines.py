"""Inlines: the records that belong to a service, a location or an organisation."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from resources.admin import display
from resources.admin.forms.records import LinkedRecordField, RecordInlineFormSet, StoredRecordForm
from resources.admin.forms.schedules import ScheduleInlineForm, ScheduleInlineFormSet
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
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)


class RecordInline:
    """An inline whose rows are validated without a query for each unchanged row, and which
    offers no empty rows until a curator asks for one."""

    form = StoredRecordForm
    formset = RecordInlineFormSet
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", LinkedRecordField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PhoneInline(RecordInline, admin.TabularInline):
    model = Phone
    fields = ["number", "extension", "type", "description", "position"]


# The schedule's page and its inline show the same fields.
SCHEDULE_FIELDSETS = [
    (
        None,
        {
            "fields": [
                "rule_in_words",
                ("freq", "interval"),
                "weekdays",
                ("month_week", "month_weekday"),
                ("opens_at", "closes_at"),
                ("dtstart", "until"),
                ("valid_from", "valid_to"),
                ("byday", "bymonthday"),
                "description",
                "description_es",
            ]
        },
    ),
    (
        _("More HSDS details"),
        {
            "classes": ["collapse"],
            "fields": [
                "notes",
                "attending_type",
                ("timezone", "wkst"),
                ("count", "byweekno", "byyearday"),
                "schedule_link",
            ],
            "description": _(
                "Kept as the source gave them and exported; the opening hours do not use them."
            ),
        },
    ),
]


class ScheduleInline(RecordInline, admin.StackedInline):
    model = Schedule
    form = ScheduleInlineForm
    formset = ScheduleInlineFormSet
    fieldsets = SCHEDULE_FIELDSETS
    readonly_fields = ["rule_in_words"]

    @admin.display(description=_("in words"))
    def rule_in_words(self, schedule):
        return display.schedule_in_words(schedule)


class ServiceAtLocationInline(RecordInline, admin.TabularInline):
    """The links between a service and its locations, as one end shows them: each row picks
    the record at the other end (its autocomplete field)."""

    model = ServiceAtLocation

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)


class LocationOfServiceInline(ServiceAtLocationInline):
    fields = ["location", "description"]
    autocomplete_fields = ["location"]
    verbose_name = _("location")
    verbose_name_plural = _("locations")


class ServiceAtThisLocationInline(ServiceAtLocationInline):
    fields = ["service", "description"]
    autocomplete_fields = ["service"]
    verbose_name = _("service given here")
    verbose_name_plural = _("services given here")


# An address's own lines, as the location's address and its other addresses show them.
ADDRESS_LINES = [
    "attention",
    "address_1",
    "address_2",
    ("city", "postal_code"),
    ("region", "state_province"),
    "country",
]


class AddressInline(RecordInline, admin.StackedInline):
    model = Address
    fields = ["address_type", *ADDRESS_LINES]
    verbose_name_plural = _("other addresses (postal, virtual, more)")


class LanguageInline(RecordInline, admin.TabularInline):
    model = Language
    fields = ["code", "note"]


class ServiceAreaInline(RecordInline, admin.TabularInline):
    model = ServiceArea
    fields = ["name", "description"]


class ContactInline(RecordInline, admin.TabularInline):
    """A service's, a location's or an organisation's contacts; their numbers are kept on the
    contact's own page."""

    model = Contact
    fields = ["name", "title", "department", "email", "phones_link"]
    readonly_fields = ["phones_link"]

    @admin.display(description=_("phones"))
    def phones_link(self, contact):
        if contact.pk is None or contact._state.adding:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:resources_contact_change", args=[contact.pk]),
            _("Numbers"),
        )


class FundingInline(RecordInline, admin.TabularInline):
    model = Funding
    fields = ["source"]


class CostOptionInline(RecordInline, admin.TabularInline):
    model = CostOption
    fields = ["option", "amount", "currency", "amount_description", "valid_from", "valid_to"]


class RequiredDocumentInline(RecordInline, admin.TabularInline):
    model = RequiredDocument
    fields = ["document", "uri"]


class ProgramInline(RecordInline, admin.TabularInline):
    model = Program
    fields = ["name", "alternate_name", "description"]


class OrganizationIdentifierInline(RecordInline, admin.TabularInline):
    model = OrganizationIdentifier
    fields = ["identifier_type", "identifier", "identifier_scheme"]


class TaxonomyTermInline(RecordInline, admin.TabularInline):
    model = TaxonomyTerm
    fk_name = "taxonomy"
    fields = ["name", "code", "description", "parent", "position"]
    prepopulated_fields = {"code": ["name"]}
    autocomplete_fields = ["parent"]


class ServicesOfOrganizationInline(admin.TabularInline):
    """The organisation's services, read-only: each is edited on its own page."""

    model = Service
    fields = ["service_link", "status", "last_verified"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("service")
    verbose_name_plural = _("services")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("name"))
    def service_link(self, service):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:resources_service_change", args=[service.pk]),
            service.name,
        )

    @admin.display(description=_("last verified"))
    def last_verified(self, service):
        return display.last_verified(service)

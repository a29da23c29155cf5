from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from resources.admin.forms.records import IN_SPANISH_ATTRS, SPANISH_TWINS_DESCRIPTION
from resources.admin.inlines import (
    ContactInline,
    FundingInline,
    OrganizationIdentifierInline,
    PhoneInline,
    ProgramInline,
    ServicesOfOrganizationInline,
)
from resources.admin.provenance import RecordsCuratorEdits
from resources.models import Organization


@admin.register(Organization)
class OrganizationAdmin(RecordsCuratorEdits, SimpleHistoryAdmin):
    list_display = ["name", "service_count", "is_sample", "modified"]
    list_filter = ["is_sample"]
    search_fields = ["name", "alternate_name"]
    autocomplete_fields = ["parent_organization"]
    fieldsets = [
        (
            None,
            {"fields": ["name", "alternate_name", "description", "website", "email", "is_sample"]},
        ),
        (
            _("In Spanish"),
            {
                "fields": ["name_es", "description_es"],
                "description": SPANISH_TWINS_DESCRIPTION,
            },
        ),
        (
            _("More HSDS details"),
            {
                "classes": ["collapse"],
                "fields": [
                    "parent_organization",
                    ("legal_status", "year_incorporated"),
                    ("tax_status", "tax_id"),
                    "logo",
                    "uri",
                ],
            },
        ),
    ]
    inlines = [
        ServicesOfOrganizationInline,
        PhoneInline,
        ContactInline,
        ProgramInline,
        FundingInline,
        OrganizationIdentifierInline,
    ]

    class Media:
        css = {"all": ["admin_extra/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in {"name_es", "description_es"}:
            # Typed in Spanish: the browser checks their spelling in Spanish.
            field.widget.attrs.update(IN_SPANISH_ATTRS)
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(description=_("services"), ordering="service_count")
    def service_count(self, organization):
        return organization.service_count

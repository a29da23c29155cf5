"""The list of proposed changes and drafts ready for review; each opens its service's review."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from resources.admin.display import ReadOnlyAdmin
from resources.models import ProposedChange


class WaitingListFilter(admin.SimpleListFilter):
    """What waits for a publisher (ProposedChangeQuerySet.waiting), as the dashboard counts it."""

    title = _("waiting for review")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("changes", _("Proposed changes")), ("drafts", _("Drafts ready for review"))]

    def queryset(self, request, queryset):
        if self.value() == "changes":
            return queryset.waiting().changes()
        if self.value() == "drafts":
            return queryset.waiting().drafts()
        return queryset


class MineListFilter(admin.SimpleListFilter):
    title = _("proposed by")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", _("Me"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(proposed_by=request.user)
        return queryset


@admin.register(ProposedChange)
class ProposedChangeAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read only: a proposal is published or sent back from its service's review page."""

    list_display = [
        "service_review",
        "kind",
        "status",
        "proposed_by",
        "created",
        "up_to_date",
        "note",
    ]
    list_display_links = None
    list_select_related = ["service", "proposed_by"]
    list_filter = [WaitingListFilter, MineListFilter, "status", "kind"]
    search_fields = ["service__name"]
    search_help_text = _("Searches the service's name.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, object_id)
        if proposal is None or not self.has_view_permission(request, proposal):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return redirect("admin:resources_service_review", proposal.service_id)

    @admin.display(description=_("service"), ordering="service__name")
    def service_review(self, proposal):
        url = reverse("admin:resources_service_review", args=[proposal.service_id])
        return format_html('<a href="{}">{}</a>', url, proposal.service)

    @admin.display(description=_("up to date"), boolean=True)
    def up_to_date(self, proposal):
        # A waiting change made from an older version of the service cannot be published.
        if not (proposal.is_pending and proposal.is_change):
            return None
        return not proposal.is_stale

"""The feeds harvested from other directories: their addresses, schedules and last runs."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resources.hsds import harvest
from resources.models import HarvestSource


@admin.register(HarvestSource)
class HarvestSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "base_url", "interval_hours", "enabled", "last_run_at", "succeeded"]
    list_filter = ["enabled"]
    search_fields = ["name", "base_url"]
    fields = [
        "name",
        "base_url",
        "interval_hours",
        "enabled",
        "last_run_at",
        "last_success_at",
        "last_counts",
        "last_error",
        "last_report",
    ]
    readonly_fields = ["last_run_at", "last_success_at", "last_counts", "last_error", "last_report"]
    actions = ["harvest_now", "dry_run_now"]

    @admin.display(description=_("last run succeeded"), boolean=True)
    def succeeded(self, source):
        if source.last_run_at is None:
            return None
        return not source.last_error

    # The harvest runs in the tasks worker (`manage.py db_worker`), as the HSDS uploads do: a
    # big feed takes longer than a web request may.
    @admin.action(description=_("Harvest now"), permissions=["change"])
    def harvest_now(self, request, queryset):
        self._start(request, queryset, dry_run=False)

    @admin.action(
        description=_("Dry run now (fetch and check, write nothing)"), permissions=["change"]
    )
    def dry_run_now(self, request, queryset):
        self._start(request, queryset, dry_run=True)

    def _start(self, request, queryset, *, dry_run):
        for source in queryset:
            harvest.harvest_in_background.enqueue(str(source.pk), dry_run=dry_run)
        self.message_user(
            request,
            ngettext(
                "%(count)d feed is being harvested in the background: reload this page to see "
                "its last run and report.",
                "%(count)d feeds are being harvested in the background: reload this page to see "
                "their last runs and reports.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )

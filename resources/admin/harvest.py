"""The feeds harvested from other directories: their addresses, schedules and last runs."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

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

    # The harvest runs within the request, as the command would: its limits (timeouts, pages,
    # size) bound how long. Large feeds are for the timer (README).
    @admin.action(description=_("Harvest now"), permissions=["change"])
    def harvest_now(self, request, queryset):
        self._run(request, queryset, dry_run=False)

    @admin.action(
        description=_("Dry run now (fetch and check, write nothing)"), permissions=["change"]
    )
    def dry_run_now(self, request, queryset):
        self._run(request, queryset, dry_run=True)

    def _run(self, request, queryset, *, dry_run):
        for source in queryset:
            result = harvest.run_source(source, dry_run=dry_run)
            level = messages.SUCCESS if result.ok else messages.ERROR
            self.message_user(request, f"{source.name}: {result.summary()}", level)

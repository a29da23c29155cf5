"""Failed sign-ins: who is paused after wrong passwords, and the action that unlocks them."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resources.models import FailedSignIn


@admin.register(FailedSignIn)
class FailedSignInAdmin(admin.ModelAdmin):
    list_display = ["username", "address", "wrong_passwords", "last_tried", "paused"]
    list_display_links = None
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    actions = ["unlock"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # "Unlock" says what deleting these rows does; Django's own delete action would not.
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("From address"), ordering="ip_address")
    def address(self, attempt):
        return attempt.ip_address

    @admin.display(description=_("Wrong passwords"), ordering="failures_since_start")
    def wrong_passwords(self, attempt):
        return attempt.failures_since_start

    @admin.display(description=_("Last tried"), ordering="attempt_time")
    def last_tried(self, attempt):
        return attempt.attempt_time

    @admin.display(description=_("Signing in paused until"))
    def paused(self, attempt):
        until = attempt.attempt_time + settings.AXES_COOLOFF_TIME
        if attempt.failures_since_start < settings.AXES_FAILURE_LIMIT or until <= timezone.now():
            return _("Not paused")
        return date_format(timezone.localtime(until), "DATETIME_FORMAT")

    @admin.action(
        permissions=["delete"], description=_("Unlock: let them try their password again")
    )
    def unlock(self, request, queryset):
        count, _deleted = queryset.delete()
        self.message_user(
            request,
            ngettext(
                "Unlocked %(count)d failed sign-in: its account and address can try again now.",
                "Unlocked %(count)d failed sign-ins: their accounts and addresses can try again "
                "now.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

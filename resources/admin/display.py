"""Columns, read-only fields and read-only pages shared by several admin pages."""

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _


def last_verified(service, today=None):
    """ "never" or the date, flagged when the check is overdue."""
    if service.assured_date is None:
        return format_html('<span class="verification-overdue">{}</span>', _("never"))
    shown = date_format(service.assured_date, "DATE_FORMAT")
    if service.is_verification_overdue(today):
        return format_html('<span class="verification-overdue">{} ({})</span>', shown, _("overdue"))
    return shown


def schedule_in_words(schedule):
    if schedule._state.adding:
        return _("Shown once saved.")
    return schedule.in_words


class ReadOnlyAdmin:
    """A ModelAdmin mixin for records the directory writes itself (where a record came from,
    proposed changes): curators read them, nobody adds, edits or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

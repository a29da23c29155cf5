"""The moderation queue: what visitors sent in, accepted or rejected by a publisher.

Moderating is changing a suggestion or report: Publishers have that permission, Editors can only
read the queue. Nobody adds entries here; visitors do, through the public forms.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from resources.curation import decisions
from resources.models import ProblemReport, Suggestion


class AgeListFilter(admin.SimpleListFilter):
    """How long a submission has waited."""

    title = _("received")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [
            ("day", _("In the last 24 hours")),
            ("week", _("In the last 7 days")),
            ("older", _("Over 7 days ago")),
            ("month", _("Over 30 days ago")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "day":
                return queryset.filter(created__gte=now - timedelta(days=1))
            case "week":
                return queryset.filter(created__gte=now - timedelta(days=7))
            case "older":
                return queryset.filter(created__lt=now - timedelta(days=7))
            case "month":
                return queryset.filter(created__lt=now - timedelta(days=30))
        return queryset


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept with the submission, so other curators know why."),
    )


class ModerationAdmin(SimpleHistoryAdmin):
    list_filter = ["status", AgeListFilter]
    list_select_related = ["handled_by"]
    date_hierarchy = "created"
    actions = ["reject_selected"]
    change_form_template = "admin/resources/submission_change_form.html"

    class Media:
        css = {"all": ["admin_extra/admin.css"]}

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # What the visitor wrote is kept as they wrote it; curators decide, they do not edit.
        return [name for fieldset in self.fieldsets for name in fieldset[1]["fields"]]

    def get_urls(self):
        return [
            path(
                "<uuid:object_id>/accept/",
                self.admin_site.admin_view(self.accept_view),
                name=f"{self._url_prefix}_accept",
            ),
            path(
                "<uuid:object_id>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name=f"{self._url_prefix}_reject",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_moderate": self.has_moderate_permission(request),
            # Everything on the page is read-only: the decisions are the buttons above it.
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def accept_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        submission = self._get_submission_to_moderate(request, object_id)
        try:
            return self.accept(request, submission)
        except decisions.AlreadyHandled as refusal:
            self.message_user(request, str(refusal), messages.WARNING)
            return HttpResponseRedirect(self._change_url(submission))

    def reject_view(self, request, object_id):
        submission = self._get_submission_to_moderate(request, object_id)
        return self._reject(request, [submission], self._change_url(submission))

    @admin.action(description=_("Reject selected, with a reason…"), permissions=["moderate"])
    def reject_selected(self, request, queryset):
        return self._reject(request, list(queryset), None)

    def _reject(self, request, submissions, cancel_url):
        new = [submission for submission in submissions if submission.is_new]
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            rejected = 0
            for submission in new:
                try:
                    decisions.reject(submission, request.user, form.cleaned_data["reason"])
                    rejected += 1
                except decisions.AlreadyHandled as refusal:
                    self.message_user(request, str(refusal), messages.WARNING)
            self.message_user(
                request,
                ngettext("%(count)d was rejected.", "%(count)d were rejected.", rejected)
                % {"count": rejected},
            )
            return HttpResponseRedirect(reverse(f"admin:{self._url_prefix}_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject, with a reason"),
            "opts": self.opts,
            "form": form,
            "submissions": new,
            "already_handled": [submission for submission in submissions if not submission.is_new],
            "cancel_url": cancel_url or reverse(f"admin:{self._url_prefix}_changelist"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "from_action": cancel_url is None,
        }
        return TemplateResponse(request, "admin/resources/reject_submissions.html", context)

    def _get_submission_to_moderate(self, request, object_id):
        submission = get_object_or_404(self.model, pk=object_id)
        if not self.has_moderate_permission(request, submission):
            raise PermissionDenied
        return submission

    @property
    def _url_prefix(self):
        return f"{self.opts.app_label}_{self.opts.model_name}"

    def _change_url(self, submission):
        return reverse(f"admin:{self._url_prefix}_change", args=[submission.pk])


@admin.register(Suggestion)
class SuggestionAdmin(ModerationAdmin):
    list_display = ["name", "organization_name", "status", "created", "handled_by", "draft"]
    list_select_related = ["handled_by", "service"]
    search_fields = ["name", "organization_name", "description"]
    actions = ["accept_selected", "reject_selected"]
    fieldsets = [
        (
            _("The service"),
            {"fields": ["name", "organization_name", "description", "kinds", "when"]},
        ),
        (
            _("How to reach it, and where"),
            {"fields": ["phone", "website", "email", "address", "city", "postal_code"]},
        ),
        (_("From the visitor"), {"fields": ["suggester_email", "created"]}),
        (
            _("Moderation"),
            {"fields": ["status", "handled_by", "handled_at", "rejection_reason", "draft"]},
        ),
    ]

    @admin.display(description=_("kinds of support"))
    def kinds(self, suggestion):
        return ", ".join(term.label for term in suggestion.kinds_of_support.all())

    @admin.display(description=_("draft service"))
    def draft(self, suggestion):
        if suggestion.service_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:resources_service_change", args=[suggestion.service_id]),
            suggestion.service,
        )

    def accept(self, request, suggestion):
        service = decisions.accept_suggestion(suggestion, request.user)
        self.message_user(
            request,
            _("A draft service was made from the suggestion. Check it, complete it, publish it."),
            messages.SUCCESS,
        )
        if not service.organization.description:
            self.message_user(
                request,
                _(
                    "Its organisation “%(organization)s” has no description yet: add one before "
                    "publishing (Open Referral requires it)."
                )
                % {"organization": service.organization},
                messages.WARNING,
            )
        return HttpResponseRedirect(reverse("admin:resources_service_change", args=[service.pk]))

    @admin.action(description=_("Accept selected: make draft services"), permissions=["moderate"])
    def accept_selected(self, request, queryset):
        if not request.user.has_perm("resources.add_service"):
            raise PermissionDenied
        accepted = 0
        for suggestion in queryset.new():
            try:
                decisions.accept_suggestion(suggestion, request.user)
                accepted += 1
            except decisions.AlreadyHandled as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
        self.message_user(
            request,
            ngettext(
                "%(count)d suggestion was accepted as a draft service.",
                "%(count)d suggestions were accepted as draft services.",
                accepted,
            )
            % {"count": accepted},
        )


@admin.register(ProblemReport)
class ProblemReportAdmin(ModerationAdmin):
    list_display = ["service", "kind", "status", "created", "handled_by"]
    list_select_related = ["handled_by", "service"]
    list_filter = ["status", "kind", AgeListFilter]
    search_fields = ["service__name", "details"]
    actions = ["reject_selected"]
    fieldsets = [
        (_("The report"), {"fields": ["service", "kind", "details", "reporter_email", "created"]}),
        (_("Moderation"), {"fields": ["status", "handled_by", "handled_at", "rejection_reason"]}),
    ]

    def accept(self, request, report):
        if not request.user.has_perm("resources.change_service"):
            raise PermissionDenied
        decisions.accept_report(report, request.user)
        self.message_user(
            request,
            _("Report accepted. Fix the entry below; the report is shown above the form."),
            messages.SUCCESS,
        )
        url = reverse("admin:resources_service_change", args=[report.service_id])
        return HttpResponseRedirect(f"{url}?report={report.pk}")

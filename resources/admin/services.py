import uuid

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from simple_history.admin import SimpleHistoryAdmin

from resources.admin import display
from resources.admin.filters import FACET_LIST_FILTERS, LastVerifiedListFilter
from resources.admin.forms.records import SPANISH_TWINS_DESCRIPTION
from resources.admin.forms.services import FACET_FIELDS, SERVICE_SPANISH_TWINS, ServiceAdminForm
from resources.admin.inlines import (
    ContactInline,
    CostOptionInline,
    FundingInline,
    LanguageInline,
    LocationOfServiceInline,
    PhoneInline,
    RequiredDocumentInline,
    ScheduleInline,
    ServiceAreaInline,
)
from resources.admin.provenance import RecordsCuratorEdits
from resources.curation import review, spreadsheet, timeline
from resources.hsds.provenance import record_curator_edits
from resources.models import ProblemReport, Service, Suggestion
from resources.models.services import SERVICE_HISTORY

# The facet curators set on nearly every service; the others are folded away.
FACET_SUPPORT_FIELD = "facet_support"

# What a new service's address looks like, until it has a name of its own.
WEB_ADDRESS_NAME_EXAMPLE = "web-address-name"


@admin.register(Service)
class ServiceAdmin(RecordsCuratorEdits, SimpleHistoryAdmin):
    form = ServiceAdminForm
    list_display = ["name", "organization", "status", "last_verified", "modified"]
    list_select_related = ["organization"]
    list_filter = ["status", *FACET_LIST_FILTERS, LastVerifiedListFilter, "is_sample"]
    search_fields = ["name", "alternate_name", "description", "organization__name"]
    search_help_text = _("Searches the name, description and organisation name.")
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization", "program"]
    readonly_fields = ["last_verified", "assured_by"]
    save_on_top = True
    # In the order a curator works: the verification box first, so a Publisher who has just
    # called the provider ticks it without scrolling past the checkboxes; the rarely changed
    # facets folded away below; the Spanish text once the entry is complete (issue 17); the
    # HSDS details folded away last.
    fieldsets = [
        (
            _("Verification"),
            {"fields": [("last_verified", "assured_by"), "verified_today"]},
        ),
        (
            _("What it is"),
            {
                "fields": [
                    ("name", "alternate_name"),
                    "slug",
                    ("organization", "program"),
                    "status",
                    "description",
                    "alert",
                ]
            },
        ),
        (
            _("Who it is for and how to get it"),
            {
                "fields": [
                    "eligibility_description",
                    ("minimum_age", "maximum_age"),
                    "fees_description",
                    "application_process",
                ]
            },
        ),
        (_("Contact"), {"fields": [("url", "email")]}),
        (
            _("Kinds of support"),
            {
                "classes": ["facets"],
                "fields": [FACET_SUPPORT_FIELD],
                "description": _("Tick every term that fits: visitors filter on these."),
            },
        ),
        (
            _("Topics, audiences and other facets"),
            {
                "classes": ["collapse", "facets"],
                "fields": [
                    *(name for name in FACET_FIELDS if name != FACET_SUPPORT_FIELD),
                    "other_terms",
                ],
            },
        ),
        (
            _("In Spanish"),
            {
                "classes": ["collapse"],
                "fields": SERVICE_SPANISH_TWINS,
                "description": SPANISH_TWINS_DESCRIPTION,
            },
        ),
        (
            _("More HSDS details"),
            {
                "classes": ["collapse"],
                "fields": [
                    "interpretation_services",
                    "wait_time",
                    "fees",
                    "accreditations",
                    "licenses",
                    "assurer_email",
                ],
                "description": _("Kept as the source gave them and exported; not shown yet."),
            },
        ),
        (_("Sample flag"), {"fields": ["is_sample", "loaded_version"]}),
    ]
    # Where and when first (places, hours, areas served), then how to get in touch, then the rest.
    inlines = [
        LocationOfServiceInline,
        ScheduleInline,
        ServiceAreaInline,
        PhoneInline,
        ContactInline,
        LanguageInline,
        CostOptionInline,
        RequiredDocumentInline,
        FundingInline,
    ]
    actions = ["publish", "unpublish", "mark_verified", "download_spreadsheet"]
    change_list_template = "admin/resources/service/change_list.html"

    class Media:
        css = {"all": ["admin_extra/admin.css"]}

    change_form_template = "admin/resources/service/change_form.html"

    def has_publish_permission(self, request):
        # A proposed change is saved again as its editor sent it, whoever publishes it.
        return request.user.has_perm("resources.publish_service") and not review.is_applying(
            request
        )

    def has_verify_permission(self, request):
        return request.user.has_perm("resources.verify_service") and not review.is_applying(request)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Editors prepare entries; only a publisher decides what the public sees.
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            # A new service has no version yet.
            fieldsets = _without_fields(fieldsets, {"loaded_version"})
        if not self.has_verify_permission(request):
            fieldsets = _without_fields(fieldsets, {"verified_today"})
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only, the form's own fields would show nothing: list the terms instead.
        form_only = {*FACET_FIELDS, "other_terms", "verified_today", "loaded_version"}
        readable = []
        for title, options in fieldsets:
            fields = [
                "public_address" if field == "slug" else field
                for field in options["fields"]
                if field not in form_only
            ]
            if FACET_SUPPORT_FIELD in options["fields"]:
                fields.append("terms_by_facet")
            if fields:
                readable.append((title, {**options, "fields": fields}))
        return readable

    @admin.display(description=_("web address name"))
    def public_address(self, service):
        # Read-only, the slug would show the model's help text, which the admin prints as HTML.
        help_text = _public_address_help(service.get_absolute_url(), service.is_published)
        return format_html('{}<div class="help">{}</div>', service.slug, help_text)

    @admin.display(description=_("taxonomy terms"))
    def terms_by_facet(self, service):
        terms = service.terms.select_related("taxonomy").order_by("taxonomy__name", "position")
        return format_html_join(
            "", "<p>{}: {}</p>", ((term.taxonomy.label, term.label) for term in terms)
        )

    def view_on_site(self, service):
        # The public page shows published services only; a link to a draft would be a 404.
        return service.get_absolute_url() if service.is_published else None

    @admin.display(description=_("last verified"), ordering="assured_date")
    def last_verified(self, service):
        return display.last_verified(service)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not self.has_verify_permission(request):
            # Declared form fields stay in the form class whatever the fieldsets say.
            form.base_fields.pop("verified_today", None)
        if "slug" in form.base_fields:
            slug = obj.slug if obj is not None else WEB_ADDRESS_NAME_EXAMPLE
            address = request.build_absolute_uri(reverse("resources:service_detail", args=[slug]))
            published = obj is not None and obj.is_published
            form.base_fields["slug"].help_text = _public_address_help(address, published)
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # A report being fixed, and the other open ones, are shown beside the form.
        service_pk = _uuid_or_none(object_id)
        reports = ProblemReport.objects.filter(service_id=service_pk).exclude(
            status=ProblemReport.Status.REJECTED
        )
        being_fixed = reports.filter(pk=_uuid_or_none(request.GET.get("report")))
        # Read when the page is shown, not for a save that redirects.
        extra_context = {
            **(extra_context or {}),
            "open_reports": reports.filter(status=ProblemReport.Status.NEW)[:20],
            "report_being_fixed": SimpleLazyObject(being_fixed.select_related("handled_by").first),
            "from_suggestion": SimpleLazyObject(
                Suggestion.objects.filter(service_id=service_pk).first
            ),
            "review": SimpleLazyObject(
                lambda: review.change_form_notes(
                    request, Service.objects.filter(pk=service_pk).first()
                )
            ),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        service = None
        # Publishers' saves go live: only others' are looked at (one query more for them).
        if (
            object_id is not None
            and request.method == "POST"
            and not review.may_publish(request.user)
        ):
            service = Service.objects.filter(pk=_uuid_or_none(unquote(object_id))).first()
        if review.must_be_proposed(request, service):
            # An Editor's save of a published service waits for a Publisher's review.
            return review.propose_from_form(
                request,
                service,
                lambda: super(ServiceAdmin, self).changeform_view(
                    request, object_id, form_url, extra_context
                ),
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_change(self, request, service):
        if review.is_quiet(request):
            return HttpResponseRedirect(request.path)
        if "_ready_for_review" in request.POST:
            try:
                review.mark_ready(service, request.user)
            except review.Refused as refused:
                for reason in refused.reasons:
                    self.message_user(request, reason, messages.ERROR)
            else:
                self.message_user(
                    request,
                    gettext("“%(service)s” was saved and marked ready for a publisher's review.")
                    % {"service": service},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, service)

    def history_view(self, request, object_id, extra_context=None):
        """The service's changes and its records' (phones, hours, places...) as one timeline,
        one entry a save, newest first."""
        service = self.get_object(request, object_id)
        if service is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, service):
            raise PermissionDenied
        page = timeline.Timeline(service.pk).page(request.GET.get("p"))
        can_change = self.has_change_permission(request, service)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %s") % service,
            "subtitle": None,
            "object": service,
            "opts": self.model._meta,
            "module_name": capfirst(self.model._meta.verbose_name_plural),
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "can_revert": can_change and not self.revert_disabled(request, service),
            "can_restore": can_change,
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/resources/service/object_history.html", context)

    def restore_version_view(self, request, object_id, model_name, history_id):
        """Restore a version of one of the service's records from its history (POST)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        service = self.get_object(request, object_id)
        if service is None:
            raise Http404
        model = timeline.RESTORABLE.get(model_name)
        opts = None if model is None else model._meta
        if model is None or not (
            self.has_change_permission(request, service)
            and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
            and request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
        ):
            raise PermissionDenied
        history_url = reverse("admin:resources_service_history", args=[service.pk])
        try:
            record = timeline.restore_version(service.pk, model, history_id)
        except timeline.RestoreRefused as refused:
            self.message_user(
                request,
                gettext("The version was not restored. %(reason)s") % {"reason": refused},
                messages.ERROR,
            )
            return redirect(history_url)
        self.message_user(
            request,
            gettext("The %(record)s “%(name)s” is back as it was in that version.")
            % {"record": opts.verbose_name, "name": record},
            messages.SUCCESS,
        )
        return redirect(history_url)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves the service, then its terms: together, as one change in its history.
        with transaction.atomic(using=router.db_for_write(Service)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        """The service, locked for the rest of the transaction when the request may save it: the
        form compares its version with the one it was opened at (a lost update is refused)
        without reading it again."""
        connection = transaction.get_connection(router.db_for_write(Service))
        if request.method != "POST" or not connection.in_atomic_block:
            return super().get_object(request, object_id, from_field)
        queryset = self.get_queryset(request).select_for_update(of=("self",))
        field = Service._meta.pk if from_field is None else Service._meta.get_field(from_field)
        try:
            service = queryset.get(**{field.name: field.to_python(object_id)})
        except (Service.DoesNotExist, ValidationError, ValueError):
            return None
        service.version_locked = True
        return service

    def save_model(self, request, service, form, change):
        if not self.has_publish_permission(request):
            # Reverting to an old version must not publish or unpublish it either.
            stored = Service.objects.filter(pk=service.pk).values_list("status", flat=True)
            service.status = stored.first() if change else Service.Status.DRAFT
            if service.is_published and not review.is_quiet(request):
                # An Editor's change to a published service waits for review, and only the
                # change form keeps one (changeform_view); any other save (a revert from the
                # history page) would go live at once, so it is refused.
                raise PermissionDenied
        if form.cleaned_data.get("verified_today") and self.has_verify_permission(request):
            service.assured_date = timezone.localdate()
            service.assured_by = request.user
        if review.is_applying(request):
            # The history row names the editor who proposed it and the publisher.
            service._change_reason = review.change_reason(request)
        if isinstance(form, ServiceAdminForm):
            # Its save_m2m() copies the terms into this save's history row once they are set.
            SERVICE_HISTORY.defer_terms_snapshot(service)
        super().save_model(request, service, form, change)

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        drafts = queryset.exclude(status=Service.Status.PUBLISHED)
        services = list(drafts)
        changed = drafts.publish(request.user)
        self._log_changes(request, services, ["status"])
        _record_status(services, Service.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext(
                "%(count)d service was published.", "%(count)d services were published.", changed
            )
            % {"count": changed},
        )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        published = queryset.published()
        services = list(published)
        changed = published.unpublish(request.user)
        self._log_changes(request, services, ["status"])
        _record_status(services, Service.Status.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d service was unpublished and is a draft again.",
                "%(count)d services were unpublished and are drafts again.",
                changed,
            )
            % {"count": changed},
        )

    @admin.action(description=_("Mark verified today"), permissions=["verify"])
    def mark_verified(self, request, queryset):
        services = list(queryset)
        changed = queryset.mark_verified(request.user)
        self._log_changes(request, services, ["assured_date", "assured_by"])
        self.message_user(
            request,
            ngettext(
                "%(count)d service was marked as verified today.",
                "%(count)d services were marked as verified today.",
                changed,
            )
            % {"count": changed},
        )

    @admin.action(description=_("Download as spreadsheet (CSV)"), permissions=["view"])
    def download_spreadsheet(self, request, queryset):
        return _spreadsheet_response(queryset)

    def get_urls(self):
        return [
            path(
                "spreadsheet.csv",
                self.admin_site.admin_view(self.spreadsheet_view),
                name="resources_service_spreadsheet",
            ),
            path(
                "<path:object_id>/history/restore/<str:model_name>/<int:history_id>/",
                self.admin_site.admin_view(self.restore_version_view),
                name="resources_service_restore_version",
            ),
            path(
                "<path:object_id>/review/",
                self.admin_site.admin_view(self.review_view),
                name="resources_service_review",
            ),
            # Not admin_view: anyone else is told the page is not there (404), as the public
            # page of a draft does, rather than sent to sign in.
            path(
                "<path:object_id>/preview/",
                never_cache(self.preview_view),
                name="resources_service_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        return review.preview(request, _uuid_or_none(unquote(object_id)))

    def review_view(self, request, object_id):
        """A waiting change as the fields, rows and terms it changes, to publish or send back."""
        service = Service.objects.filter(pk=_uuid_or_none(unquote(object_id))).first()
        if service is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, service):
            raise PermissionDenied
        proposals = service.proposed_changes.select_related("proposed_by", "decided_by")
        proposal = proposals.waiting().first() or proposals.first()
        if request.method == "POST":
            return self._decide(request, service, proposal)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Review the change to “%(service)s”") % {"service": service},
            "service": service,
            "review": review.review(proposal, request) if proposal else None,
            "may_publish": review.may_publish(request.user),
        }
        return TemplateResponse(request, "admin/resources/service/review.html", context)

    def _decide(self, request, service, proposal):
        if not review.may_publish(request.user):
            raise PermissionDenied
        here = reverse("admin:resources_service_review", args=[service.pk])
        if proposal is None:
            return HttpResponseRedirect(here)
        try:
            if "_publish" in request.POST:
                review.publish(proposal, request)
                done = gettext("“%(service)s” was published as proposed.")
            elif "_send_back" in request.POST:
                review.send_back(proposal, request.user, request.POST.get("note"))
                done = gettext("The change to “%(service)s” was sent back with your note.")
            else:
                return HttpResponseRedirect(here)
        except review.Refused as refused:
            for reason in refused.reasons:
                self.message_user(request, reason, messages.ERROR)
            return HttpResponseRedirect(here)
        self.message_user(request, done % {"service": service}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:resources_proposedchange_changelist"))

    def spreadsheet_view(self, request):
        """The services the list shows, with its filters and search, as a spreadsheet."""
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect("admin:resources_service_changelist")
        return _spreadsheet_response(changelist.get_queryset(request))

    def _log_changes(self, request, services, field_names):
        """Record a bulk action in each service's history, as saving the form would."""
        if not services:
            return
        # Labelled as the change form labels its fields, so the history reads the same.
        labels = [str(capfirst(Service._meta.get_field(name).verbose_name)) for name in field_names]
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=services,
            action_flag=CHANGE,
            change_message=[{"changed": {"fields": labels}}],
        )


def _record_status(services, status):
    """The status a curator chose by an action is theirs, as one chosen in the form."""
    record_curator_edits((Service, service.pk, {"status": status}) for service in services)


def _spreadsheet_response(services):
    response = StreamingHttpResponse(
        spreadsheet.rows(services), content_type="text/csv; charset=utf-8"
    )
    filename = f"services-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _without_fields(fieldsets, names):
    return [
        (
            title,
            {
                **options,
                "fields": [
                    field
                    for field in options["fields"]
                    if isinstance(field, tuple) or field not in names
                ],
            },
        )
        for title, options in fieldsets
    ]


def _public_address_help(address, published):
    """The web address name's help text, with the public page's real address.

    The model's help text names it as "/services/<name>/", which the admin, showing help texts
    as HTML, would print as "/services//.".
    """
    if published:
        text = gettext(
            "The public page's address: {address}. Lowercase letters, digits and hyphens."
        )
    else:
        text = gettext(
            "The public page's address, once published: {address}. "
            "Lowercase letters, digits and hyphens."
        )
    return format_html(text, address=address)


def _uuid_or_none(value):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None

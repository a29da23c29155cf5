"""The curators' open data page: import HSDS (upload, dry-run report, confirm) and export it."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from resources.hsds import exporter, uploads
from resources.hsds.importer import ImportRights
from resources.hsds.reading import MAX_FILE_BYTES

IMPORT_PERMISSIONS = ("resources.add_service", "resources.change_service")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("HSDS file"),
        help_text=gettext_lazy(
            "A JSON file (a service, an organisation with its services, a list of either, or "
            "pages of an HSDS API response), an NDJSON file (one record a line) or a .zip of "
            "HSDS CSV tables, at most %(megabytes)s MB."
        )
        % {"megabytes": MAX_FILE_BYTES // (1024 * 1024)},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(uploads.SUFFIXES):
            raise forms.ValidationError(
                _("Upload a .json or .ndjson file, or a .zip of CSV tables.")
            )
        if uploads.too_big(upload):
            raise forms.ValidationError(
                _(
                    "This file is %(size).1f MB; the limit is %(limit)s MB. Split it into "
                    "smaller files, or ask an administrator to run import_hsds on the server."
                )
                % {
                    "size": upload.size / (1024 * 1024),
                    "limit": MAX_FILE_BYTES // (1024 * 1024),
                }
            )
        return upload


def _context(request, **extra):
    return {**admin.site.each_context(request), "title": _("Open data (HSDS)"), **extra}


@staff_member_required
@require_http_methods(["GET", "POST"])
def open_data(request):
    """GET: the page. POST with a file: a dry run and its report. POST with a token: import."""
    if request.method == "POST":
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        if "token" in request.POST:
            return _confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            token, report = uploads.check(
                form.cleaned_data["file"], user=request.user, rights=ImportRights.of(request.user)
            )
            return render(
                request,
                "admin/hsds/open_data.html",
                _context(
                    request,
                    form=ImportForm(),
                    report=report,
                    token=token,
                    filename=form.cleaned_data["file"].name,
                ),
            )
    else:
        form = ImportForm()
    return render(request, "admin/hsds/open_data.html", _context(request, form=form))


def _confirm(request):
    path = uploads.upload_path(request.POST["token"])
    if path is None:
        messages.error(request, _("That upload has expired; upload the file again."))
        return redirect("hsds_open_data")
    report = uploads.confirm(path, user=request.user, rights=ImportRights.of(request.user))
    if not report.ok:
        return render(
            request,
            "admin/hsds/open_data.html",
            _context(request, form=ImportForm(), report=report),
        )
    messages.success(
        request,
        _("Imported %(services)s services with %(warnings)s warnings.")
        % {"services": report.counts.get("service", 0), "warnings": report.warning_count},
    )
    if report.held_back:
        messages.warning(
            request,
            ngettext(
                "%(count)d service did not take the status or verification date the file gives "
                "it, as the report said: publishing and verifying need the Publisher role.",
                "%(count)d services did not take the status or verification date the file gives "
                "them, as the report said: publishing and verifying need the Publisher role.",
                report.held_back,
            )
            % {"count": report.held_back},
        )
    if report.taxonomy_held_back:
        messages.warning(
            request,
            ngettext(
                "%(count)d taxonomy or term was not added or changed, as the report said: that "
                "is left to superusers.",
                "%(count)d taxonomies or terms were not added or changed, as the report said: "
                "that is left to superusers.",
                report.taxonomy_held_back,
            )
            % {"count": report.taxonomy_held_back},
        )
    return redirect(reverse("admin:resources_service_changelist"))


@staff_member_required
@permission_required("resources.view_service", raise_exception=True)
@require_safe
def export_download(request, export_format):
    if export_format not in ("csv", "json"):
        raise Http404
    response = HttpResponse(exporter.zip_bytes(export_format), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="hsds-{export_format}.zip"'
    return response

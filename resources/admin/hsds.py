"""The curators' open data page: import HSDS (upload, dry-run report, confirm) and export it."""

import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from resources.hsds import exporter, jobs, uploads
from resources.hsds.reading import MAX_FILE_BYTES
from resources.models import ImportJob

IMPORT_PERMISSIONS = ("resources.add_service", "resources.change_service")
logger = logging.getLogger(__name__)


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
    """GET: the page. POST with a file: start a dry run. POST with a token: start the import.

    Both run in the tasks worker (resources/hsds/jobs.py); the curator is sent to the job's page.
    """
    if request.method == "POST":
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        if "token" in request.POST:
            return _confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            token = uploads.save_upload(form.cleaned_data["file"])
            try:
                job = jobs.start(
                    request.user,
                    token,
                    form.cleaned_data["file"].name,
                    dry_run=True,
                    language=get_language() or "",
                )
            except OperationalError:
                if saved := uploads.upload_path(token):
                    saved.unlink(missing_ok=True)
                return _busy(request)
            return redirect("hsds_import_job", job_id=job.pk)
    else:
        form = ImportForm()
    return render(
        request,
        "admin/hsds/open_data.html",
        _context(request, form=form, recent_jobs=ImportJob.objects.of(request.user)[:5]),
    )


def _confirm(request):
    """Import the upload of a dry run that found no error, as the curator confirms."""
    checked = (
        ImportJob.objects.of(request.user)
        .filter(token=request.POST["token"], dry_run=True, state=ImportJob.State.FINISHED)
        .first()
    )
    if (
        checked is None
        or not jobs.report_from_json(checked.report).ok
        or uploads.upload_path(checked.token) is None
    ):
        messages.error(request, _("That upload has expired; upload the file again."))
        return redirect("hsds_open_data")
    try:
        job = jobs.start(
            request.user, checked.token, checked.filename, dry_run=False, language=checked.language
        )
    except OperationalError:
        return _busy(request)
    return redirect("hsds_import_job", job_id=job.pk)


def _busy(request):
    # On SQLite an import holds the only write lock until it is done; the job could not even be
    # recorded. Said plainly rather than a server error.
    logger.warning("An HSDS import job could not be recorded: the database is busy")
    messages.error(
        request,
        _("The directory is busy with another import; try again in a few minutes."),
    )
    return redirect("hsds_open_data")


def _own_job(request, job_id):
    if not request.user.has_perms(IMPORT_PERMISSIONS):
        raise PermissionDenied
    return get_object_or_404(ImportJob.objects.of(request.user), pk=job_id)


@staff_member_required
@require_safe
def import_job(request, job_id):
    """A job's page: its progress while it runs, then its report (and, after a dry run that
    found no error, the button that imports)."""
    job = _own_job(request, job_id)
    context = {"job": job, "filename": job.filename}
    if job.state == ImportJob.State.FINISHED:
        report = jobs.report_from_json(job.report)
        context["report"] = report
        if job.dry_run and report.ok and uploads.upload_path(job.token) is not None:
            context["token"] = job.token
        if report.written:
            context["summary"] = _import_summary(report)
    elif not job.is_done:
        context["progress"] = jobs.progress_of(job)
        context["progress_text"] = jobs.progress_text(job, context["progress"])
    return render(request, "admin/hsds/import_job.html", _context(request, **context))


@staff_member_required
@require_safe
def import_job_progress(request, job_id):
    """The job's progress for static/js/import-progress.js, which reloads the page when done."""
    job = _own_job(request, job_id)
    progress = None if job.is_done else jobs.progress_of(job)
    return JsonResponse(
        {
            "done": job.is_done,
            "text": "" if job.is_done else jobs.progress_text(job, progress),
        }
    )


def _import_summary(report):
    """What the curator is told once the records are in."""
    lines = [
        _("Imported %(services)s services with %(warnings)s warnings.")
        % {"services": report.counts.get("service", 0), "warnings": report.warning_count}
    ]
    if report.held_back:
        lines.append(
            ngettext(
                "%(count)d service did not take the status or verification date the file gives "
                "it, as the report said: publishing and verifying need the Publisher role.",
                "%(count)d services did not take the status or verification date the file gives "
                "them, as the report said: publishing and verifying need the Publisher role.",
                report.held_back,
            )
            % {"count": report.held_back}
        )
    if report.taxonomy_held_back:
        lines.append(
            ngettext(
                "%(count)d taxonomy or term was not added or changed, as the report said: that "
                "is left to superusers.",
                "%(count)d taxonomies or terms were not added or changed, as the report said: "
                "that is left to superusers.",
                report.taxonomy_held_back,
            )
            % {"count": report.taxonomy_held_back}
        )
    return lines


@staff_member_required
@permission_required("resources.view_service", raise_exception=True)
@require_safe
def export_download(request, export_format):
    if export_format not in ("csv", "json"):
        raise Http404
    response = HttpResponse(exporter.zip_bytes(export_format), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="hsds-{export_format}.zip"'
    return response

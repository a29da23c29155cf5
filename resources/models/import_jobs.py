"""A curator's HSDS upload, checked (a dry run) or imported by the tasks worker, not the request.

The job row says who started it, on which saved upload, how far it got and, once finished, the
report; while it runs, how many rows are done is kept beside the upload (resources/hsds/jobs.py),
since the import's own transaction would hide it from the page that shows it.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Finished jobs are kept this long: their reports name records that may not be public.
KEEP_DAYS = 30


class ImportJobQuerySet(models.QuerySet):
    def of(self, user):
        """The jobs `user` may follow: their own."""
        return self.filter(user=user)

    def old(self):
        return self.filter(created__lt=timezone.now() - timedelta(days=KEEP_DAYS))


class ImportJob(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Stopped by an unexpected error")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("curator"),
    )
    filename = models.CharField(_("file name"), max_length=255)
    token = models.CharField(
        _("saved upload"), max_length=64, help_text=_("The name the upload is kept under.")
    )
    dry_run = models.BooleanField(_("dry run"), help_text=_("Checked only, nothing written."))
    language = models.CharField(_("language of the report"), max_length=16, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    report = models.JSONField(_("report"), null=True, blank=True)
    created = models.DateTimeField(_("started by the curator"), auto_now_add=True)
    started = models.DateTimeField(_("started by the worker"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("HSDS import job")
        verbose_name_plural = _("HSDS import jobs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running", "finished", "failed"]),
                name="import_job_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=["queued", "running"])
                | models.Q(finished__isnull=False),
                name="import_job_finished_when_done",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="finished") | models.Q(report__isnull=False),
                name="import_job_finished_has_report",
            ),
        ]

    def __str__(self):
        return self.filename

    @property
    def is_done(self):
        return self.state in (self.State.FINISHED, self.State.FAILED)

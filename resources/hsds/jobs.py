"""The admin's HSDS imports as background jobs: a task the worker runs, not the web request.

`start(user, token, filename, dry_run=...)` records an ImportJob and enqueues `run_import_job`
(django.tasks; settings.TASKS says which backend: the database, taken by `manage.py db_worker`,
or in the request itself with TASKS_IMMEDIATE). The task runs the same importer as the command,
with the curator's rights, and keeps its report on the job. The saved upload is removed when no
confirmation can follow: after the import, after a dry run that found errors, and after any
failure; a dry run that passed keeps it for the confirmation (uploads.py forgets it after a day).

Progress is kept in a small file beside the uploads, not on the job row: the import runs in one
transaction, so what it wrote of its progress there would be seen only once it is all done (and
on SQLite another connection could not write it at all).
"""

import dataclasses
import json
import logging
import os
import time
from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from resources.hsds import uploads
from resources.hsds.importer import ImportRights, import_hsds
from resources.hsds.provenance import FILE_UPLOAD
from resources.hsds.report import Changes, More, Problem, Report
from resources.models import ImportJob

logger = logging.getLogger(__name__)

# How often a running job saves its progress, at most.
PROGRESS_SECONDS = 0.5
# A running job that has said nothing for this long has probably lost its worker (killed, or
# the machine restarted); the slowest step, the last one of a big import, takes a few minutes.
STALLED_SECONDS = 15 * 60


def start(
    user, token, filename, *, dry_run, language="", source=FILE_UPLOAD, overwrite_curated=False
):
    """Record a job for the saved upload `token` and hand it to the worker. `source` and
    `overwrite_curated` go to the importer (resources.hsds.provenance)."""
    _forget_old_jobs()
    job = ImportJob.objects.create(
        user=user, token=token, filename=filename, dry_run=dry_run, language=language
    )
    # Called outside a transaction (views are not atomic here), so the row is committed before
    # the worker can look for it.
    run_import_job.enqueue(str(job.pk), source=source, overwrite_curated=overwrite_curated)
    return job


@task()
def run_import_job(job_id, source=FILE_UPLOAD, overwrite_curated=False):
    """Check or import the job's upload and keep the report on the job."""
    claimed = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.QUEUED).update(
        state=ImportJob.State.RUNNING, started=timezone.now()
    )
    if not claimed:
        return  # Run already (a task handed over twice), or gone with its curator.
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    path = uploads.upload_path(job.token)
    keep_upload = False
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            report = _run(job, path, source=source, overwrite_curated=overwrite_curated)
        keep_upload = job.dry_run and report.ok
        _finish(job, ImportJob.State.FINISHED, report_to_json(report))
    except BaseException as error:
        # The curator sees that it stopped; the operator finds why in the log. A worker told to
        # stop at once (a second Ctrl+C or SIGTERM) stops here too, its transaction rolled back.
        logger.exception("HSDS import job %s stopped on an unexpected error", job.pk)
        _finish(job, ImportJob.State.FAILED, None)
        if not isinstance(error, Exception):
            raise
    finally:
        if path is not None and not keep_upload:
            path.unlink(missing_ok=True)
        progress_path(job.pk).unlink(missing_ok=True)


def _run(job, path, **provenance):
    if path is None:
        report = Report()
        report.error(("", ""), "", _("That upload has expired; upload the file again."))
        return report
    return import_hsds(
        path,
        dry_run=job.dry_run,
        user=job.user,
        rights=ImportRights.of(job.user),
        progress=SavedProgress(job.pk),
        **provenance,
    )


def _finish(job, state, report):
    ImportJob.objects.filter(pk=job.pk).update(state=state, report=report, finished=timezone.now())


def _forget_old_jobs():
    ImportJob.objects.old().delete()


# -- progress --


def progress_path(job_id):
    folder = Path(settings.DATA_DIR) / "import-jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{job_id}.json"


class SavedProgress:
    """A progress callback (resources.operations.progress) that keeps the latest step where the
    page reads it: which step, its rows done, and how many steps have begun."""

    def __init__(self, job_id, *, clock=time.monotonic):
        self.path = progress_path(job_id)
        self.clock = clock
        self.steps = 0
        self.step = None
        self.saved_at = None

    def __call__(self, step, done, total=None):
        now = self.clock()
        new_step = step != self.step
        if new_step:
            self.steps += 1
            self.step = step
        elif self.saved_at is not None and now - self.saved_at < PROGRESS_SECONDS:
            return
        state = {"step": step, "done": done, "total": total, "steps": self.steps}
        # Written whole, then renamed: the page never reads half a file.
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps(state))
        os.replace(partial, self.path)
        self.saved_at = now


def progress_text(job, progress):
    """What the page says of a job that has not finished."""
    if job.state == ImportJob.State.QUEUED:
        return _(
            "Waiting for the worker. If this lasts more than a minute, the worker is not "
            "running: ask an administrator to start it (manage.py db_worker)."
        )
    if _stalled(job):
        return _(
            "Nothing has been heard of this job for a long while: its worker has probably "
            "stopped, and nothing was written. Upload the file again, and if this happens again, "
            "ask an administrator to look at the worker."
        )
    if not progress or progress.get("step") == "reading":
        return _("Reading the file.")
    if progress.get("step") == "saving":
        return _("All rows checked; writing the records and refreshing the search index.")
    return _("Step %(step)s: %(rows)s rows of the %(table)s table checked.") % {
        "step": progress.get("steps", 1),
        "rows": number_format(progress.get("done") or 0, force_grouping=True),
        "table": progress.get("step"),
    }


def _stalled(job):
    try:
        last_heard = progress_path(job.pk).stat().st_mtime
    except OSError:
        last_heard = job.started.timestamp() if job.started else time.time()
    return time.time() - last_heard > STALLED_SECONDS


def progress_of(job):
    """Where a running job is ({step, done, total, steps}), or None before its first step."""
    try:
        state = json.loads(progress_path(job.pk).read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


# -- reports kept on the job --

# A problem line as kept: level, file, where, field, message; and for the line that stands for
# the problems of a kind left out (report.More), how many.
PROBLEM_FIELDS = ("level", "file", "where", "field", "message")


def report_to_json(report):
    """What the page shows of `report`, as JSON: its problem lines, counts and public fields."""
    kept = {
        field.name: getattr(report, field.name)
        for field in dataclasses.fields(Report)
        if not field.name.startswith("_") and field.name not in ("problems", "changes")
    }
    kept["changes"] = report.changes.to_json()
    kept["problems"] = [
        {
            **{name: str(getattr(problem, name)) for name in PROBLEM_FIELDS},
            "more": problem.count if isinstance(problem, More) else None,
        }
        for problem in report.problems
    ]
    return json.loads(json.dumps(kept, default=str))


def report_from_json(data):
    """The Report a job kept, as the report templates read it."""
    data = dict(data or {})
    problems = data.pop("problems", [])
    changes = Changes.from_json(data.pop("changes", None))
    names = {field.name for field in dataclasses.fields(Report)}
    report = Report(**{key: value for key, value in data.items() if key in names})
    report.changes = changes
    for problem in problems:
        if problem.get("more") is not None:
            report.problems.append(
                More(problem["level"], problem["file"], problem["field"], problem["more"])
            )
        else:
            report.problems.append(Problem(*(problem[name] for name in PROBLEM_FIELDS)))
    return report

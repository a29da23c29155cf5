"""Files curators upload for import, kept between the dry run and the confirmation.

A file the dry run refuses is removed at once (it cannot be confirmed), and so is one that was
imported or whose import failed: only a file waiting for its curator's confirmation is kept,
and not for long.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings

from resources.hsds.importer import import_hsds
from resources.hsds.reading import MAX_FILE_BYTES

SUFFIXES = (".json", ".ndjson", ".jsonl", ".zip")
KEEP_SECONDS = 24 * 60 * 60


def upload_dir():
    folder = Path(settings.DATA_DIR) / "hsds-uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check(upload, *, user, rights):
    """Keep `upload` and dry-run it: (its token, the report). A refused file is not kept, and
    its token is None."""
    token, report = save_upload(upload), None
    try:
        report = import_hsds(upload_path(token), dry_run=True, user=user, rights=rights)
    finally:
        if report is None or not report.ok:
            discard(token)
    return (token if report.ok else None), report


def confirm(path, *, user, rights):
    """Import the kept upload at `path`, and forget it: imported or refused, it is done with."""
    try:
        return import_hsds(path, user=user, rights=rights)
    finally:
        path.unlink(missing_ok=True)


def save_upload(upload):
    """Keep `upload` under a random token; the token is all the confirmation form carries."""
    _forget_old_uploads()
    suffix = Path(upload.name).suffix.lower()
    token = secrets.token_hex(16) + suffix
    with (upload_dir() / token).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def _forget_old_uploads():
    # An upload never confirmed is not kept for long: it may hold unpublished details.
    cutoff = time.time() - KEEP_SECONDS
    for path in upload_dir().iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def upload_path(token):
    """The saved upload for `token`, or None: a token is only ever one we made."""
    name = Path(token or "").name
    if name != token or Path(name).suffix not in SUFFIXES or len(name) < 33:
        return None
    path = upload_dir() / name
    return path if path.is_file() else None


def discard(token):
    """Remove the upload kept under `token`, if there is one."""
    path = upload_path(token)
    if path is not None:
        path.unlink(missing_ok=True)


def too_big(upload):
    return upload.size > MAX_FILE_BYTES

"""One id for every history row one change writes: a service saved with its phones, hours and
places is one change set, read back as one entry of the service's history."""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

_current = ContextVar("history_change_set", default=None)


def current_change_set():
    """The change set the rows written now belong to: the one opened by `change_set()`, else
    the request's (a request is one save in the admin); None outside both, a row on its own."""
    opened = _current.get()
    if opened is not None:
        return opened
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    return request.__dict__.setdefault("history_change_set", uuid.uuid4())


@contextmanager
def change_set():
    """Every history row written inside is one change set, outside a request too."""
    token = _current.set(_current.get() or uuid.uuid4())
    try:
        yield
    finally:
        _current.reset(token)


def _stamp(sender, history_instance, **kwargs):
    if hasattr(history_instance, "history_change_set") and not history_instance.history_change_set:
        history_instance.history_change_set = current_change_set()


def connect():
    pre_create_historical_record.connect(_stamp, dispatch_uid="history_change_set")

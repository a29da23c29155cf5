"""Helpers for tests of what visitors get while the database or Redis is down."""

import contextlib
import socket

from django.db import OperationalError, connections


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (taken from the system, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_down():
    """Every query of this thread fails as one to a server that refuses connections does."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError(
            'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
        )

    with contextlib.ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(refuse))
        yield

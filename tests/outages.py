"""Helpers for tests of what visitors get while the database or Redis is down."""

import contextlib
import socket
import threading
from unittest import mock

from django.db import OperationalError, connections


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (taken from the system, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


REFUSED = 'connection to server at "127.0.0.1", port 5432 failed: Connection refused'


@contextlib.contextmanager
def database_down():
    """Every connection and query of this thread fails as with a server that refuses
    connections."""

    def refuse(*args, **kwargs):
        raise OperationalError(REFUSED)

    with contextlib.ExitStack() as stack:
        for alias in connections:
            database = connections[alias]
            stack.enter_context(mock.patch.object(database, "ensure_connection", refuse))
            stack.enter_context(database.execute_wrapper(refuse))
        yield


class Forwarder:
    """A TCP relay on 127.0.0.1 to `target_port` that can be stopped (every connection through it
    cut, new ones refused) and started again on the same port: a database server going away and
    coming back, as the app sees it."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = closed_port()
        self.sockets = []
        self.listener = None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        for open_socket in [self.listener, *self.sockets]:
            with contextlib.suppress(OSError):
                open_socket.shutdown(socket.SHUT_RDWR)
            open_socket.close()
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()


def _pump(source, sink):
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)

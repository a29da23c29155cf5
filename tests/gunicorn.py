"""gunicorn run with the committed gunicorn.conf.py on 127.0.0.1, for tests that need a real server.

Light on the machine: one worker with two threads, stopped when the test ends.
"""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


@dataclass
class Server:
    port: int
    stdout: Path
    stderr: Path

    def logs(self):
        return self.stdout.read_text() + self.stderr.read_text()


def database_url(settings_dict):
    """The URL of the database the tests use (a test database of its own on PostgreSQL)."""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    return (
        f"postgres://{settings_dict['USER']}{password}@{settings_dict['HOST'] or 'localhost'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )


def _free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_gunicorn(folder, *, database_url, app="supportdir.wsgi", port=None):
    port = port or _free_port()
    server = Server(port, folder / "gunicorn.out", folder / "gunicorn.err")
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "a-test-only-secret-key-long-enough-for-django-checks-0123456789",
        "ALLOWED_HOSTS": HOST,
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
    }
    command = [str(Path(sys.executable).parent / "gunicorn"), app, "--bind", f"{HOST}:{port}"]
    with server.stdout.open("w") as stdout, server.stderr.open("w") as stderr:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=environment, stdout=stdout, stderr=stderr
        )
    try:
        _wait_until_it_answers(port, process, server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_it_answers(port, process, server):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{server.logs()}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/api/")
            connection.getresponse().read()
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer in 30 s:\n{server.logs()}")

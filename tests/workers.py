"""What keeps pytest-xdist's workers (`make test` runs one a core) out of each other's way.

Each worker is a process of its own with its own test database, so the ORM, module-level caches
and live servers are already apart; what they could share is outside: a port, a file, a key in
Redis. Without xdist there is one worker, number 0.
"""

import os

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
NUMBER = int(WORKER.removeprefix("gw"))
COUNT = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))


def share_of(ports):
    """This worker's ports of `ports`: every COUNT-th one, so no two workers try the same."""
    ports = list(ports)
    return ports[NUMBER % len(ports) :: COUNT] or ports

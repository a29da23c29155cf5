"""gunicorn's settings for production; `gunicorn supportdir.wsgi` reads this file from the
working directory (README: Running it in production). Command-line options override it.

Sized for a 2-core machine that serves pages and the API's NDJSON dumps at once: a dump of
100,000 full services streams for tens of seconds. With gunicorn's default sync workers such a
request blocks the worker's heartbeat, so the arbiter kills it after `timeout` seconds, cutting
every dump it was sending (issue 11). Threaded workers keep their heartbeat while a thread
streams, and the other threads go on answering pages.
"""

import logging
import os

from supportdir.log_filters import DropMalformedRequestLines, DropQueryStrings

# One process per core, each with threads: a long dump holds one thread, not a whole worker.
# WEB_CONCURRENCY (processes) and GUNICORN_THREADS tune it for a larger machine. Each process
# streams at most NDJSON_DUMPS_AT_ONCE dumps (settings.py: 4), so half its threads stay for pages.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
threads = int(os.environ.get("GUNICORN_THREADS") or 8)

# With threaded workers `timeout` only catches a worker whose main loop is stuck, never a
# request that streams for long. On a restart or deploy, requests in flight get
# `graceful_timeout` to finish; a dump still streaming after it is cut off, which its client
# sees as an incomplete body (README: Open data).
timeout = 30
# Two gunicorns on one machine (the test suite, a benchmark, staging beside production) would
# share the default control socket path; gunicornc is not needed to run the site.
control_socket_disable = True
graceful_timeout = 120
keepalive = 5

# A search may hold 500 characters, each up to nine bytes once percent-encoded: allow the
# longest request line gunicorn takes (its default, 4094, refused long searches in Greek).
# The API refuses addresses over 8,000 bytes itself, with a JSON 414 (resources/api/errors.py);
# only a request line longer than this gets gunicorn's own plain 414 page.
limit_request_line = 8190
limit_request_fields = 50
limit_request_field_size = 8190
# gunicorn has no limit of its own on request bodies: the app refuses one larger than
# REQUEST_MAX_KB (HSDS_UPLOAD_MAX_MB for the curators' HSDS upload) with a 413 before reading it
# (supportdir/middleware.py), and gunicorn then drops the connection rather than read the rest.

# Search terms and places travel in query strings, and no log line may hold them: the access
# log has the path only (%(U)s), never the request line (%(r)s), query (%(q)s) or referrer
# (%(f)s), and filters drop any query string from both logs, as the development server's log
# does, and the words gunicorn quotes when it refuses a malformed request.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
for name, dropping in (
    ("gunicorn.access", DropQueryStrings),
    ("gunicorn.error", DropMalformedRequestLines),
):
    logger = logging.getLogger(name)
    if not any(isinstance(known, dropping) for known in logger.filters):
        logger.addFilter(dropping())

# Behind a proxy: gunicorn trusts X-Forwarded-* headers only from FORWARDED_ALLOW_IPS (its own
# environment variable; default 127.0.0.1,::1), so set it to the proxy's address when the proxy
# runs elsewhere, never to "*" where clients can reach gunicorn directly.

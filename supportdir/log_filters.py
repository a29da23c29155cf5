"""Logging filters that keep what visitors search for out of log files."""

import logging
import re

QUERY_STRING = re.compile(r"\?\S*")


class DropQueryStrings(logging.Filter):
    """Remove the query string from request lines.

    Search terms and locations travel in query strings; the privacy rule says no log line may
    hold them, so the development server's access log keeps only the path.
    """

    def filter(self, record):
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(
                QUERY_STRING.sub("?…", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.msg, str):
            record.msg = QUERY_STRING.sub("?…", record.msg)
        return True

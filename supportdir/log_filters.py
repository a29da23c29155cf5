"""Logging filters that keep what visitors search for out of log files."""

import logging
import re

# From the "?" up to the protocol of a request line, a quote or the end: a query string that
# holds spaces (a malformed request line, quoted in gunicorn's warning) goes whole.
QUERY_STRING = re.compile(r"\?[^\"'\s]*(?:\s+(?!HTTP/)[^\"'\s]+)*")


def drop_query_strings(text):
    return QUERY_STRING.sub("?…", text)


class DropQueryStrings(logging.Filter):
    """Remove the query string from request lines.

    Search terms and locations travel in query strings; the privacy rule says no log line may
    hold them, so the access logs (the development server's, gunicorn's) keep only the path.
    Gunicorn's access log passes its fields as a mapping, its warnings as finished messages.
    """

    def filter(self, record):
        if isinstance(record.args, dict):
            for key, value in record.args.items():
                if isinstance(value, str):
                    record.args[key] = drop_query_strings(value)
        elif record.args and isinstance(record.args, tuple):
            record.args = tuple(
                drop_query_strings(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if isinstance(record.msg, str):
            record.msg = drop_query_strings(record.msg)
        return True


class DropMalformedRequestLines(DropQueryStrings):
    """gunicorn's error log, which also warns of malformed requests, quoting the words it could
    not read: for a search with spaces left unencoded, the rest of the search. Those warnings
    keep what was wrong and lose the quote."""

    MALFORMED = re.compile(r"^(Invalid request from [^:]*: [^:'\"]*).*", re.DOTALL)

    def filter(self, record):
        super().filter(record)
        message = record.getMessage()
        if self.MALFORMED.match(message):
            record.msg, record.args = self.MALFORMED.sub(r"\1", message).rstrip(), ()
        return True

"""The live server's application, counting the requests it has not finished answering.

A browser test can end while its page still waits for an answer (a fetch, a navigation it did
not wait for). Closing the page does not stop the server's thread: it goes on with the request
while the next test starts, on SQLite with the very connection the tests use, and its end (the
request_finished signal) meets the database closed to it. The tests' live server waits for
these requests before a test's database is put back (tests/conftest.py).
"""

import threading


class RequestsInFlight:
    """A WSGI application that passes each request to `application` and counts those whose
    answer is not yet closed (by the server, when the answer is sent or the request fails)."""

    def __init__(self, application):
        self.application = application
        self._unfinished = 0
        self._changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self._changed:
            self._unfinished += 1
        try:
            response = self.application(environ, start_response)
        except BaseException:
            self._finished()
            raise
        return _ClosingThen(response, self._finished)

    def _finished(self):
        with self._changed:
            self._unfinished -= 1
            self._changed.notify_all()

    def wait_until_idle(self, timeout):
        """True once every request is answered, False if one still is after `timeout` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: self._unfinished == 0, timeout)


class _ClosingThen:
    """A WSGI answer that calls `then` once the server has closed it, even if closing fails."""

    def __init__(self, response, then):
        self._response = response
        self._then = then

    def __iter__(self):
        return iter(self._response)

    def close(self):
        try:
            if hasattr(self._response, "close"):
                self._response.close()
        finally:
            self._then()

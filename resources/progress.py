"""Progress of long jobs: business code reports it through a callback, a terminal draws it.

A long function (an import, an export, a loader) takes `progress=None`: a callable
`progress(step, done, total=None)`, where `step` names what it is doing (a table, "places"),
`done` how many of that step's items are done and `total` how many there are, when known. It
calls `report(progress, ...)`, and never prints. Who runs it chooses where progress goes:
- a management command passes `TerminalProgress(self.stderr)`: one line redrawn in place on a
  terminal, and nothing at all when stderr is not a terminal (CI, cron, a pipe, a log file);
- the admin's import jobs pass one that saves where the job is (resources/hsds/jobs.py).
"""

import time

from django.core.management.base import OutputWrapper

BAR_WIDTH = 24
# Redrawing a line costs little, but a thousand times a second would flicker and slow the job.
MIN_SECONDS = 0.1


def report(progress, step, done, total=None):
    """Tell `progress` (a callback, or None for nobody) that `done` of `step`'s items are done."""
    if progress is not None:
        progress(step, done, total)


def counted(items, progress, step, total=None, every=1000):
    """Yield `items`, reporting to `progress` after each `every` of them and at the end."""
    done = 0
    report(progress, step, 0, total)
    for item in items:
        yield item
        done += 1
        if done % every == 0:
            report(progress, step, done, total)
    if done % every:
        report(progress, step, done, total)


def line(step, done, total=None):
    """The text of a progress line: `step  [####......]  45%  4,500/10,000`, or `step  4,500`."""
    if not total:
        return f"{step}  {done:,}"
    share = min(done / total, 1)
    filled = round(share * BAR_WIDTH)
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    return f"{step}  [{bar}] {share:4.0%}  {done:,}/{total:,}"


class TerminalProgress:
    """A progress callback that redraws one line on `stream` when it is a terminal.

    Use it as a context manager, so that the line is ended before the command's own output:
        with TerminalProgress(self.stderr) as progress:
            import_hsds(path, progress=progress)
    `enabled` forces it on or off (tests); by default it is on only for a terminal.
    """

    def __init__(self, stream, *, enabled=None, clock=time.monotonic):
        self.stream = stream
        self.enabled = _is_terminal(stream) if enabled is None else enabled
        self.clock = clock
        self.last_step = None
        self.last_drawn = None
        self.width = 0

    def __call__(self, step, done, total=None):
        if not self.enabled:
            return
        now = self.clock()
        finished = total is not None and done >= total
        if (
            step == self.last_step
            and not finished
            and self.last_drawn is not None
            and now - self.last_drawn < MIN_SECONDS
        ):
            return
        text = line(step, done, total)
        if step != self.last_step and self.last_step is not None:
            # The step before keeps its last line; the new one starts below it.
            self._write("\n")
            self.width = 0
        self._write("\r" + text.ljust(self.width))
        self.width = len(text)
        self.last_step, self.last_drawn = step, now

    def close(self):
        if self.enabled and self.last_step is not None:
            self._write("\n")
            self.last_step = None
            self.width = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _write(self, text):
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()


def _is_terminal(stream):
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # A closed stream.
        return False

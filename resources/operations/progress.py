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
        self.step = None
        self.drawn_at = None
        self.width = 0
        self.waiting = None  # The latest state not drawn yet, kept for the end.

    def __call__(self, step, done, total=None):
        if not self.enabled:
            return
        now = self.clock()
        # A new step, and the end of one, are always drawn; counts in between now and then.
        new_step = step != self.step
        finished = total is not None and done >= total
        recent = self.drawn_at is not None and now - self.drawn_at < MIN_SECONDS
        if recent and not (new_step or finished):
            self.waiting = (step, done, total)
            return
        if new_step and self.waiting:
            self._draw(line(*self.waiting))  # Where the step before ended.
        self._draw(line(step, done, total))
        self.step, self.drawn_at = step, now

    def close(self):
        if not self.enabled or self.drawn_at is None:
            return
        if self.waiting:
            self._draw(line(*self.waiting))
        self._write("\n")
        self.step = self.drawn_at = None
        self.width = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _draw(self, text):
        # Spaces cover what a longer line before left.
        self._write("\r" + text.ljust(self.width))
        self.width = len(text)
        self.waiting = None

    def _write(self, text):
        if isinstance(self.stream, OutputWrapper):
            # Not in the error colour a command's stderr has on a terminal, and no line end.
            self.stream.write(text, style_func=str, ending="")
        else:
            self.stream.write(text)
        self.stream.flush()


def _is_terminal(stream):
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # A closed stream.
        return False

"""Progress of long jobs: a bar on a terminal, silence elsewhere (CI, cron, a pipe)."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import OutputWrapper

from resources.hsds import harvest
from resources.operations.progress import TerminalProgress, counted, line
from tests.factories import make_service


class Terminal(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_line_with_a_total_has_a_bar_a_share_and_counts():
    assert line("places", 4500, 10000) == "places  [###########.............]  45%  4,500/10,000"


def test_a_line_without_a_total_counts():
    assert line("service", 12000) == "service  12,000"


def test_counted_reports_every_so_many_items_and_at_the_end():
    heard = []
    items = list(counted(range(2500), lambda *args: heard.append(args), "rows", every=1000))
    assert len(items) == 2500
    assert heard == [
        ("rows", 0, None),
        ("rows", 1000, None),
        ("rows", 2000, None),
        ("rows", 2500, None),
    ]


def test_counted_with_no_callback_only_yields():
    assert list(counted("abc", None, "letters")) == ["a", "b", "c"]


def test_nothing_is_written_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    with TerminalProgress(stream) as progress:
        progress("service", 10)
        progress("service", 20, 20)
    assert stream.getvalue() == ""


def test_on_a_terminal_one_line_is_redrawn_and_ended():
    stream, clock = Terminal(), Clock()
    with TerminalProgress(stream, clock=clock) as progress:
        progress("service", 0)
        clock.now = 1
        progress("phone", 12)
    assert stream.getvalue() == "\rservice  0\rphone  12 \n"


def test_redraws_are_few_but_where_each_step_ended_is_shown():
    stream, clock = Terminal(), Clock()
    with TerminalProgress(stream, clock=clock) as progress:
        for done in range(1, 1001):
            progress("rows", done)
        progress("more", 0)
        progress("more", 5)
    assert stream.getvalue() == "\rrows  1\rrows  1,000\rmore  0    \rmore  5\n"


def test_a_finished_step_is_drawn_at_once():
    stream, clock = Terminal(), Clock()
    progress = TerminalProgress(stream, clock=clock)
    progress("places", 0, 10)
    progress("places", 10, 10)
    assert stream.getvalue().endswith("100%  10/10")


def test_a_commands_stderr_keeps_its_colour_off_the_bar():
    stream = Terminal()
    wrapper = OutputWrapper(stream)
    wrapper.style_func = lambda text: f"<red>{text}</red>"
    with TerminalProgress(wrapper) as progress:
        progress("service", 5)
    assert stream.getvalue() == "\rservice  5\n"


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_export_hsds_shows_progress_on_a_terminal_only(tmp_path, export_format):
    make_service()
    terminal, pipe = Terminal(), io.StringIO()
    call_command("export_hsds", tmp_path / "a", format=export_format, stderr=terminal)
    call_command("export_hsds", tmp_path / "b", format=export_format, stderr=pipe)
    assert "\rservice  1" in terminal.getvalue()  # Where the table of services ended.
    assert pipe.getvalue() == ""


@pytest.mark.django_db
def test_import_hsds_shows_progress_on_a_terminal_only(tmp_path):
    service = {
        "id": "1b8f2c4d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
        "name": "Grief circle",
        "status": "active",
        "organization": {"id": "7d0a3c9e-2f4b-4c55-9f0e-1a2b3c4d5e6f", "name": "Hope Centre"},
    }
    path = tmp_path / "services.json"
    path.write_text(json.dumps([service]))
    terminal, pipe = Terminal(), io.StringIO()
    call_command("import_hsds", str(path), dry_run=True, stderr=terminal, stdout=io.StringIO())
    call_command("import_hsds", str(path), dry_run=True, stderr=pipe, stdout=io.StringIO())
    assert "\r" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")
    assert pipe.getvalue() == ""


@pytest.mark.django_db
def test_rebuild_search_index_shows_a_bar_on_a_terminal_only():
    make_service()
    terminal, pipe = Terminal(), io.StringIO()
    call_command("rebuild_search_index", stderr=terminal, stdout=io.StringIO())
    call_command("rebuild_search_index", stderr=pipe, stdout=io.StringIO())
    assert "100%" in terminal.getvalue()
    assert pipe.getvalue() == ""


@pytest.mark.django_db
def test_load_places_shows_a_bar_on_a_terminal_only(tmp_path):
    geonames = tmp_path / "places.txt"
    geonames.write_text(
        "US\t53703\tMadison\tWisconsin\tWI\tDane\t025\t\t\t43.0776\t-89.3835\t4\n", "utf-8"
    )
    terminal, pipe = Terminal(), io.StringIO()
    call_command("load_places", str(geonames), stderr=terminal, stdout=io.StringIO())
    call_command("load_places", str(geonames), stderr=pipe, stdout=io.StringIO())
    assert "saving places" in terminal.getvalue()
    assert pipe.getvalue() == ""


@pytest.mark.django_db
def test_a_harvest_passes_the_import_progress_on():
    service = {
        "id": "1b8f2c4d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
        "name": "Grief circle",
        "status": "active",
        "organization": {"id": "7d0a3c9e-2f4b-4c55-9f0e-1a2b3c4d5e6f", "name": "Hope Centre"},
    }
    heard = []
    harvest._import([service], True, harvest.Limits(), lambda *args: heard.append(args))
    assert ("service", 1, None) in heard

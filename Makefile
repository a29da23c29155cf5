# supportdir: `make run` serves the sample directory, `make test` runs the whole suite.
-include .env
export

PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help install install-test run test lint format bench bench-pages bench-load bench-faults backup restore \
	messages clean

help:
	@echo "make run      set up everything and serve the sample directory on http://127.0.0.1:$(PORT)"
	@echo "              (with the tasks worker that runs the admin's HSDS imports)"
	@echo "make test     install what the tests need and run the whole suite"
	@echo "make lint     check the code with ruff and Django's system checks"
	@echo "make install  create $(VENV) and install the dependencies only"
	@echo "make messages bring the translations (locale/) up to date with the code, and compile them"
	@echo "make backup   back up the database, with an HSDS export, to a new folder in backups/"
	@echo "              (or BACKUP_DIR); make restore FROM=backups/supportdir-... puts it back"

# The newest Python 3.12+ on this machine (scripts/find-python says where it looks);
# `make run PYTHON=/path/to/python3` chooses one.
$(BIN)/python:
	@python=$$(scripts/find-python) || exit 1; \
	  echo "Creating $(VENV) with $$python ($$("$$python" --version))"; \
	  "$$python" -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet ".[test]"
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: export DEBUG ?= true
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_sample_data
	$(BIN)/python manage.py refresh_opening_hours --verbosity 0
	$(BIN)/python manage.py create_curator
	@echo "The tasks worker that checks and imports the admin's HSDS uploads runs beside the server."
	@$(BIN)/python manage.py db_worker & worker=$$!; \
	  trap 'pkill -TERM -P $$worker 2>/dev/null; kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The suite runs on one pytest-xdist worker a core (PYTEST_WORKERS=0: in this process alone);
# loadgroup hands each worker its tests in pytest-django's order (transactional tests, which
# empty the database of what migrations wrote, after the others), as one process would run them.
# A module marked xdist_group (one whose fixture starts a server or loads a directory for all
# its tests) goes to one worker whole, ahead of that order: its tests too leave the database as
# migrations left it (a transactional test's end puts that back: tests/conftest.py), so the tests
# after them do not see the difference.
PYTEST_WORKERS ?= auto

test: export DEBUG ?= true
test: install-test
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/python manage.py check

# The interface's translations: what the code asks to translate is merged into each
# locale/<code>/LC_MESSAGES/django.po (new entries empty, changed ones fuzzy), then compiled to the
# django.mo that is committed beside it. Needs GNU gettext (Debian: gettext).
messages: export DEBUG ?= true
messages: install
	$(BIN)/python manage.py makemessages --all --ignore=.venv --ignore=tests --ignore=benchmarks \
	  --ignore=build --ignore=data --ignore=staticfiles --ignore=docs --ignore=scripts
	$(BIN)/python manage.py compilemessages --ignore=.venv

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Issue 11's measurements at 100,000 services on PostgreSQL, written to benchmarks/RESULTS.md;
# BENCH_ARGS passes options (benchmarks/run.py --help). bench-pages: the sample data, in-process.
bench: install-test
	$(BIN)/python benchmarks/run.py --from-make $(BENCH_ARGS)

bench-pages: install-test
	DEBUG=true $(BIN)/python benchmarks/pages.py

# Issue 15's load: 50 connections for 60 s on the search mix, against DATABASE_URL (a copy of a
# generated directory); LOAD_ARGS passes options (benchmarks/load.py --help).
bench-load: install-test
	$(BIN)/python benchmarks/load.py $(LOAD_ARGS)

# Issue 15's outages: the database, then Redis, stopped for 10 s each under load, in a private
# PostgreSQL (port 55432) and Redis (port 56379) filled from a dump of supportdir_bench (read
# only); FAULTS_ARGS passes options (benchmarks/faults.py --help).
bench-faults: install-test
	$(BIN)/python benchmarks/faults.py $(FAULTS_ARGS)

# The whole database and an HSDS export, in a new timestamped folder under BACKUP_DIR (default
# backups/); README.md, "Backups", says what is and is not in one.
# resources/operations/backups.py does it.
backup: install
	$(BIN)/python manage.py backup $(BACKUP_DIR)

# Replaces everything in the database DATABASE_URL names (asking first), then brings it up to
# this code's migrations.
restore: install
	@test -n "$(FROM)" || { echo "Say which backup: make restore FROM=backups/supportdir-..."; exit 2; }
	$(BIN)/python manage.py restore "$(FROM)"
	$(BIN)/python manage.py migrate --no-input

clean:
	rm -rf $(VENV) build *.egg-info

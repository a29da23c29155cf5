# supportdir: `make run` serves the sample directory, `make test` runs the whole suite.
-include .env
export

PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# The newest Python 3.12+ found on PATH; PYTHON=... overrides.
PYTHON ?= $(shell for candidate in python3.14 python3.13 python3.12 python3; do \
	  $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 \
	  && command -v $$candidate && break; done)

.PHONY: help install install-test run test lint format bench clean

help:
	@echo "make run      set up everything and serve the sample directory on http://127.0.0.1:$(PORT)"
	@echo "make test     install what the tests need and run the whole suite"
	@echo "make lint     check the code with ruff and Django's system checks"
	@echo "make install  create $(VENV) and install the dependencies only"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "supportdir needs Python 3.12 or newer (python3.14, python3.13, python3.12 or python3)."; \
	  echo "Install one, or name it: make run PYTHON=/path/to/python3.12"; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
	  echo "$(PYTHON) is older than Python 3.12; supportdir needs 3.12 or newer."; exit 1; }
	$(PYTHON) -m venv $(VENV)
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
	$(BIN)/python manage.py create_curator
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: export DEBUG ?= true
test: install-test
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/python manage.py check

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	DEBUG=true $(BIN)/python benchmarks/pages.py

clean:
	rm -rf $(VENV) build *.egg-info

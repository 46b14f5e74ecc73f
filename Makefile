# `make run` and `make test` set everything up on a fresh Debian machine (Python 3.11,
# root) and are quick when nothing changed. The virtualenv lives in .venv/ in the
# project root: other tooling relies on that exact path.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.stamp

# Development defaults; anything the caller set (DEBUG, DATABASE_URL, CELERY_BROKER_URL,
# CI, ...) passes through unchanged.
DEBUG ?= true
export DEBUG

.PHONY: run test bench lint format messages setup system-packages venv

run: setup
	$(PY) manage.py migrate --noinput
	@# Idempotent: the demo task forces, users and operations are created once.
	$(PY) manage.py demo
	exec $(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Needs PostgreSQL and Redis (the local ones by default: see benchmarks/stack.py); makes
# and drops a database of its own, raidassess_bench. Under ten minutes.
bench: setup
	@bin/install-system-packages --bench
	$(PY) -m benchmarks

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# After changing a user-visible string: the four catalogues made again, the new messages
# left to translate (tests/test_catalogues.py fails until they are).
messages: setup
	$(PY) manage.py makemessages -l th -l km -l vi -l id --no-obsolete \
		--ignore=.venv --ignore=tests --ignore=benchmarks --ignore=var

setup: system-packages venv locale/.compiled
	@mkdir -p var/static var/media

# The catalogues compiled again only when one of them changed.
locale/.compiled: $(wildcard locale/*/LC_MESSAGES/django.po) | venv
	DEBUG=true $(PY) manage.py compilemessages --verbosity 0 --ignore=.venv
	@touch $@

system-packages:
	@bin/install-system-packages

venv: $(STAMP)

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

# Reinstall only when requirements.txt changed. Needs the Debian packages (libpq-dev, gcc)
# to build psycopg2.
$(STAMP): requirements.txt | $(PY) system-packages
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements.txt
	touch $(STAMP)

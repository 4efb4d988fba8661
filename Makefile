# The single entry point, for people and for CI.
#   make run    set everything up, load reference and demo data, serve http://127.0.0.1:8000
#   make test   set everything up, then run the whole test suite
#   make lint   ruff check and format check

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host

.PHONY: help setup run test lint format lock bench messages clean

help:
	@sed -n '2,5p' Makefile

# Development installs both locks: the application's (all production installs) and the tools'.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

# Recompile the locks from requirements.in and requirements-dev.in (LOCK_ARGS=--upgrade for newer
# transitive versions).
lock: $(VENV)/.installed
	CUSTOM_COMPILE_COMMAND="make lock" $(PIP_COMPILE) $(LOCK_ARGS) --output-file=requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(PIP_COMPILE) $(LOCK_ARGS) --output-file=requirements-dev.txt requirements-dev.in

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Liaison on http://$(HOST):$(PORT)/ — log in as officer, supervisor or admin (password: liaison-demo-2026)"
	@echo "Reminders: swept every minute beside the server (e-mails on this console)"
	$(PY) manage.py send_reminders --every 60 & sweeper=$$!; \
	trap 'kill $$sweeper 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	CONN_MAX_AGE=0 $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale ms --ignore '.venv/*' --ignore 'node_modules/*' --no-obsolete
	$(PY) manage.py compilemessages --locale ms --ignore '.venv/*' --ignore 'node_modules/*'

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3

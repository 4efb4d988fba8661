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

.PHONY: help setup run test lint format bench messages clean

help:
	@sed -n '2,5p' Makefile

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

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

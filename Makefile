# The single entry point, for people and for CI.
#   make run    set everything up, load reference and demo data, serve http://127.0.0.1:8000
#   make test   set everything up, then run the whole test suite
#   make lint   ruff, the import contracts (.importlinter) and makemigrations --check
#   make stop   stop the embedded PostgreSQL server (make db starts it; make clean removes its data)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Without DATABASE_URL, run and test use the embedded PostgreSQL server (liaison/local_postgres.py).
LOCAL_PG := $(PY) -m liaison.local_postgres
EMBEDDED_PG := $(if $(strip $(DATABASE_URL)),,yes)
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host

.PHONY: help setup db stop run test soak fuzz lint format lock bench messages clean

help:
	@sed -n '2,6p' Makefile

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

# Start the embedded PostgreSQL server (data in .postgres/, reused), unless DATABASE_URL is set.
db: $(VENV)/.installed
ifeq ($(EMBEDDED_PG),yes)
	$(LOCAL_PG) start
else
	@echo "DATABASE_URL is set: the embedded PostgreSQL server is not started"
endif

stop:
	test ! -x $(PY) || $(LOCAL_PG) stop

run: setup db
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Liaison on http://$(HOST):$(PORT)/ — log in as officer, supervisor or admin (password: liaison-demo-2026)"
	@echo "supervisor and admin set up two-factor log-in at their first log-in (an authenticator app; see the README)"
	@echo "Reminders: swept every minute beside the server (e-mails on this console)"
	$(PY) manage.py send_reminders --every 60 & sweeper=$$!; \
	trap 'kill $$sweeper 2>/dev/null; $(if $(EMBEDDED_PG),$(LOCAL_PG) stop)' EXIT; trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# Two workers (pytest-xdist), one database each: the suite in about half the time on 2 cores.
TEST_WORKERS ?= 2
test: setup db
	CONN_MAX_AGE=0 $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Fault injection with real Celery workers and beat, a Redis of its own and aiosmtpd (under a minute a scenario, about 5 in all).
soak: setup db
	SOAK=1 CONN_MAX_AGE=0 $(PY) -m pytest -q -s liaison/reminders/tests/test_soak.py $(PYTEST_ARGS)

# Every hostile value over every URL pattern for every role (make test sends a sample); prints the count.
fuzz: setup db
	CONN_MAX_AGE=0 FUZZ=full $(PY) -m pytest -q -s liaison/tests/test_fuzz.py $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale ms --ignore '.venv/*' --ignore 'node_modules/*' --no-obsolete
	$(PY) manage.py compilemessages --locale ms --ignore '.venv/*' --ignore 'node_modules/*'

# The benchmark: builds a data set (BENCH_SCALE=office|regional|tiny) in its own database on the
# PostgreSQL of BENCH_DATABASE_URL's server, then measures every page (bench/run.py); results in bench/results/.
BENCH_SCALE ?= office
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/liaison_bench
BENCH_ARGS ?=
bench: setup
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "DROP DATABASE IF EXISTS $(notdir $(BENCH_DATABASE_URL))" \
		-c "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py seed_demo
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/generate.py --scale $(BENCH_SCALE)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py $(BENCH_ARGS)

clean: stop
	rm -rf $(VENV) node_modules staticfiles .postgres

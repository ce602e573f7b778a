# The hub's everyday commands. `make demo` and `make test` are the two set-up commands:
# each creates the virtual environment and installs what it needs on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint check format messages run migrate clean help bench bench-search bench-relevance bench-newsletter bench-archive bench-load

help:
	@echo "make demo     install, migrate, load demo content, create the admin, serve on http://$(HOST):$(PORT)"
	@echo "make test     install and run the whole test suite (DATABASE_URL selects PostgreSQL)"
	@echo "make lint     ruff"
	@echo "make check    Django's system checks, migrations in step with the models, the Danish catalogue complete"
	@echo "make messages update and compile the Danish translation catalogue"
	@echo "make bench    benchmarks on PostgreSQL (BENCH_DATABASE_URL), printing figures"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

# Test tools from npm (package.json: axe-core, Lighthouse, the Nu Html Checker). Without npm
# the tests that need them skip with a reason; .ci/run installs npm so CI always runs them.
NPM := $(shell command -v npm 2>/dev/null)
NODE_STAMP := node_modules/.installed-$(shell cksum package-lock.json | cut -d' ' -f1)

$(NODE_STAMP): package-lock.json
ifneq ($(NPM),)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
else
	@echo "npm not found: the axe-core accessibility tests will be skipped (apt-get install npm)"
endif

# pywb replays the archive in the tests; it pins redis 2.10.6, so it lives in a virtualenv
# of its own (requirements-replay.txt), found by the tests at .venv-replay/.
REPLAY_VENV := .venv-replay
REPLAY_STAMP := $(REPLAY_VENV)/.installed-$(shell cksum requirements-replay.txt | cut -d' ' -f1)

$(REPLAY_STAMP): requirements-replay.txt
	test -d $(REPLAY_VENV) || $(PYTHON) -m venv $(REPLAY_VENV)
	$(REPLAY_VENV)/bin/python -m pip install --quiet -r requirements-replay.txt
	rm -f $(REPLAY_VENV)/.installed-*
	touch $@

install: $(STAMP) $(NODE_STAMP) $(REPLAY_STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content
	$(MANAGE) demo_admin --url http://$(HOST):$(PORT)/admin/
	$(MANAGE) runserver $(HOST):$(PORT)

run: migrate
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# What CI checks besides the tests: no system-check warning, no model change without its
# migration, every project string in the Danish catalogue (translated, not fuzzy).
check: install
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check_catalogue

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(MANAGE) makemessages -l da --no-obsolete --ignore=.venv --ignore=.venv-replay --ignore=var --ignore=tests --ignore=node_modules --ignore=artifacts
	$(MANAGE) compilemessages --ignore=.venv --ignore=.venv-replay

clean:
	rm -rf $(VENV) $(REPLAY_VENV) var .pytest_cache

# Benchmarks print figures; they are not tests. They run on their own PostgreSQL database
# (created if missing) with production-like settings. BENCH_ARGS passes options through,
# e.g. make bench-search BENCH_ARGS="--pages 2000 --pdfs 200".
BENCH_DB ?= hub_bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_ENV := DJANGO_SETTINGS_MODULE=hub.settings.bench DATABASE_URL=$(BENCH_DATABASE_URL) HUB_VAR_DIR=$(CURDIR)/var/bench

bench: bench-search bench-relevance bench-newsletter bench-load bench-archive

bench-db: install
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -c 'CREATE DATABASE "$(notdir $(BENCH_DATABASE_URL))"'
	$(BENCH_ENV) $(MANAGE) migrate --noinput -v0

bench-search: bench-db
	$(BENCH_ENV) $(MANAGE) bench_search $(BENCH_ARGS)

# Relevance: success@1, success@3 and MRR@10 of the judged queries (tests/search/relevance.toml)
# on the demo content, on SQLite (a file under var/) and PostgreSQL (its own database, the
# demo loaded into it) and for Pagefind over the archive's index (run under Node).
BENCH_RELEVANCE_DATABASE_URL ?= $(dir $(BENCH_DATABASE_URL))hub_bench_relevance
bench-relevance: install
	$(MAKE) --no-print-directory bench-db BENCH_DATABASE_URL=$(BENCH_RELEVANCE_DATABASE_URL)
	command -v node >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null)
	DJANGO_SETTINGS_MODULE=hub.settings.bench HUB_VAR_DIR=$(CURDIR)/var/bench-relevance $(MANAGE) bench_relevance --postgres $(BENCH_RELEVANCE_DATABASE_URL)

# Newsletter: messages per minute through the sending pipeline and a bare smtplib loop,
# to a local SMTP server (aiosmtpd on 127.0.0.1); BENCH_NEWSLETTER_ARGS="--recipients 2000".
bench-newsletter: bench-db
	$(BENCH_ENV) $(MANAGE) bench_newsletter $(BENCH_NEWSLETTER_ARGS)

# Load: gunicorn with production settings on 127.0.0.1, wrk on loopback, p50/p95 and errors
# at 10, 50 and 100 concurrent users; BENCH_LOAD_ARGS="--duration 30 --workers 3 --threads 4".
bench-load: bench-db
	command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BENCH_ENV) $(MANAGE) bench_load $(BENCH_LOAD_ARGS)

# Archive: export_archive against wget --mirror of the same site under gunicorn (production
# settings, 127.0.0.1), on its own database and media (the demo content plus 5,000
# generated pages and 500 PDFs by default); BENCH_ARCHIVE_ARGS="--pages 500 --pdfs 50".
BENCH_ARCHIVE_DATABASE_URL ?= $(dir $(BENCH_DATABASE_URL))hub_bench_archive
BENCH_ARCHIVE_ENV := DJANGO_SETTINGS_MODULE=hub.settings.bench DATABASE_URL=$(BENCH_ARCHIVE_DATABASE_URL) HUB_VAR_DIR=$(CURDIR)/var/bench-archive
bench-archive: install
	$(MAKE) --no-print-directory bench-db BENCH_DATABASE_URL=$(BENCH_ARCHIVE_DATABASE_URL)
	command -v wget >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wget >/dev/null)
	$(BENCH_ARCHIVE_ENV) $(MANAGE) bench_archive $(BENCH_ARCHIVE_ARGS)

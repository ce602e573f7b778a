# The hub's everyday commands. `make demo` and `make test` are the two set-up commands:
# each creates the virtual environment and installs what it needs on a fresh machine.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint format messages run migrate clean help

help:
	@echo "make demo     install, migrate, load demo content, create the admin, serve on http://$(HOST):$(PORT)"
	@echo "make test     install and run the whole test suite (DATABASE_URL selects PostgreSQL)"
	@echo "make lint     ruff"
	@echo "make messages update and compile the Danish translation catalogue"

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content
	$(MANAGE) demo_admin
	$(MANAGE) runserver $(HOST):$(PORT)

run: migrate
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(MANAGE) makemessages -l da --ignore=.venv --ignore=var --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var .pytest_cache

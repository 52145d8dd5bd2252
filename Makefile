# Connected Places Hub. `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run worker install install-dev migrate demo test lint lint-imports format services services-stop bench bench-smoke clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --progress-bar on -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --progress-bar on -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the site's packages

install-dev: $(VENV)/.installed-dev ## Install the packages for tests and linting too

migrate: install ## Create or update the database (SQLite unless DATABASE_URL is set)
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo site (idempotent) and the offline gazetteer
	$(MANAGE) load_demo

run: demo ## Set up everything, load the demo and serve it on http://127.0.0.1:8000
	@$(MANAGE) ensure_demo_admin --url http://$(HOST):$(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

worker: migrate ## Run a task worker on the database queue (export TASKS_BACKEND=django_tasks_db.DatabaseBackend for runserver too)
	TASKS_BACKEND=$${TASKS_BACKEND:-django_tasks_db.DatabaseBackend} $(MANAGE) task_worker

test: install-dev ## Run the whole test suite (uses PostgreSQL/Elasticsearch when their URLs are set)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-dev ## Lint, check formatting and the import rules, Django checks, and migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) --no-print-directory lint-imports
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

lint-imports: install-dev ## Check which way imports may run (contracts in pyproject.toml)
	PYTHONPATH=site $(VENV)/bin/lint-imports

format: install-dev ## Fix lint and formatting where ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

services: ## Start PostgreSQL and Elasticsearch locally (prints the URLs to export)
	bash scripts/services.sh start

services-stop: ## Stop the local PostgreSQL and Elasticsearch
	bash scripts/services.sh stop

bench: install-dev ## List the benchmarks; run one with .venv/bin/python -m bench.<name> (docs/benchmarks.md)
	$(PY) -m bench

bench-smoke: install-dev ## Run every benchmark once on tiny data (no timings judged, no docs written)
	$(PY) -m bench --smoke

clean: ## Remove the virtual environment, database and caches
	rm -rf $(VENV) db.sqlite3* staticfiles .pytest_cache .ruff_cache .import_linter_cache

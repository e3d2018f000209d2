# OpenQMS: `make demo` runs the application on its embedded default; `make test` runs the whole suite.
# `make help` lists every target.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CSS := src/openqms/frontend/build/openqms.css
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): node_modules/.installed src/openqms/frontend/scss/openqms.scss
	npm run --silent build:css

.PHONY: install
install: $(BIN)/.installed node_modules/.installed $(CSS) ## Install Python packages, front-end assets and build the CSS

.PHONY: demo
demo: install ## Install, migrate the SQLite database under var/, load the demo trust and serve it on 127.0.0.1:8000
	$(BIN)/openqms migrate --noinput -v 0
	$(BIN)/openqms demo
	@echo "Demo logins (role, username, password):"
	@$(BIN)/openqms demo-logins
	@echo "Serving OpenQMS on http://$(HOST):$(PORT)/"
	$(BIN)/openqms runserver $(HOST):$(PORT)

.PHONY: lint
lint: install ## ruff, mypy, import contracts and missing migrations
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=openqms.settings.test $(BIN)/openqms makemigrations --check --dry-run

.PHONY: openapi
openapi: install ## Regenerate docs/openapi.json from the API's code (a test fails while they differ)
	DJANGO_SETTINGS_MODULE=openqms.settings.test $(BIN)/openqms openapi-schema --write

.PHONY: test-sqlite
test-sqlite: install ## The suite on SQLite, browser tests included (those one at a time, after the rest on two workers)
	env -u DATABASE_URL $(BIN)/pytest -q -n 2 -m "not browser"
	env -u DATABASE_URL $(BIN)/pytest -q -m browser

.PHONY: test-postgres
test-postgres: install ## The suite on PostgreSQL at $$OPENQMS_TEST_POSTGRES_URL (required when CI=true)
	@if [ -z "$$OPENQMS_TEST_POSTGRES_URL" ]; then \
	  if [ "$$CI" = "true" ]; then echo "OPENQMS_TEST_POSTGRES_URL is not set: PostgreSQL is required in CI" >&2; exit 1; fi; \
	  echo "Skipping PostgreSQL: set OPENQMS_TEST_POSTGRES_URL=postgres://user:password@host/db to run it"; \
	else \
	  DATABASE_URL="$$OPENQMS_TEST_POSTGRES_URL" $(BIN)/pytest -q -n 2 -m "not browser"; \
	fi

.PHONY: test-api-schema
test-api-schema: install ## Schemathesis against a live demo server: 100 cases per API operation, as two personas
	env -u DATABASE_URL $(BIN)/python tests/api/run_schemathesis.py

.PHONY: test
test: install lint test-sqlite test-postgres test-api-schema ## Install, then lint, run the whole suite on SQLite and PostgreSQL, and Schemathesis

.PHONY: benchmarks
benchmarks: install ## Print the performance figures (SQLite; docs/imports.md shows the PostgreSQL runs)
	$(BIN)/python benchmarks/spc_batch.py
	$(BIN)/python benchmarks/spc_single.py
	$(BIN)/python benchmarks/control_pages.py
	$(BIN)/python benchmarks/control_recompute.py
	env -u DATABASE_URL $(BIN)/python benchmarks/import_data.py
	env -u DATABASE_URL $(BIN)/python benchmarks/api_bulk.py
	env -u DATABASE_URL $(BIN)/python benchmarks/api_lists.py

.PHONY: faults
faults: install ## Kill an import of 100,000 rows, a report's publishing and a plan's approval with SIGKILL 20 times each, on SQLite and (with $$OPENQMS_TEST_POSTGRES_URL) PostgreSQL
	@for operation in import publish approve; do \
	  $(BIN)/python benchmarks/faults.py --operation $$operation || exit 1; \
	  if [ -n "$$OPENQMS_TEST_POSTGRES_URL" ]; then \
	    $(BIN)/python benchmarks/faults.py --operation $$operation --postgres "$${OPENQMS_TEST_POSTGRES_URL%/*}/postgres" || exit 1; \
	  fi; \
	done

.PHONY: audit
audit: install ## Check every installed package against the known vulnerabilities (pip-audit: needs PyPI's or OSV's API)
	$(BIN)/pip-audit --progress-spinner off --strict

.PHONY: load
load: install ## 100 simulated people on the demo trust (PostgreSQL at $$OPENQMS_TEST_POSTGRES_URL, gunicorn) for three minutes
	$(BIN)/python benchmarks/load.py --postgres "$${OPENQMS_TEST_POSTGRES_URL%/*}/postgres"

.PHONY: clean
clean: ## Remove the virtual environment, node modules and local data
	rm -rf $(VENV) node_modules var src/openqms/frontend/build

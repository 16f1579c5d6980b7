# Sammen: the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000
export DATABASE_URL ?= sqlite+aiosqlite:///./data/sammen.db

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --disable-pip-version-check --upgrade pip
	$(PIP) install -q --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $@

frontend/node_modules/.installed: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

install: $(VENV)/.installed ## install Python (and Node, once the SPA exists) dependencies
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory frontend/node_modules/.installed; fi

spa: install ## build the SPA into frontend/dist
	@if [ -f frontend/package.json ]; then cd frontend && npm run build; fi

run: install spa ## migrate, seed Høje Gladsaxe with demo users, serve API + SPA on http://127.0.0.1:8000
	@mkdir -p data
	ENVIRONMENT=development $(VENV)/bin/sammen db upgrade
	ENVIRONMENT=development DEMO_MODE=true $(VENV)/bin/sammen seed --demo
	@echo ""
	@echo "  Sammen runs on http://$(HOST):$(PORT)  (API docs: http://$(HOST):$(PORT)/docs)"
	@echo "  Sign in as admin@sammen.demo, or editor|reporter|viewer@<organisation>.demo"
	@echo "  (e.g. editor@aab.demo, viewer@kvp.demo); password: demo"
	@echo ""
	ENVIRONMENT=development DEMO_MODE=true $(VENV)/bin/sammen serve --host $(HOST) --port $(PORT)

lint: install ## ruff, mypy, the architecture contract (.importlinter), known vulnerabilities in the pinned dependencies
	$(VENV)/bin/ruff check backend tests migrations bench scripts
	$(VENV)/bin/ruff format --check backend tests migrations bench scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/audit-dependencies.py

test-sqlite: install ## the backend suite on SQLite
	SAMMEN_TEST_DB=sqlite $(PY) -m pytest -q

test-postgres: install ## the backend suite on a throwaway PostgreSQL cluster
	scripts/with-postgres.sh env SAMMEN_TEST_DB=postgresql $(PY) -m pytest -q

test-frontend: ## the SPA: client freshness, types, unit tests, browser tests
	$(MAKE) --no-print-directory frontend-checks
	$(MAKE) --no-print-directory test-e2e

frontend-checks: install ## the SPA without a browser: client freshness, types, unit tests, the build
	@if [ -f frontend/package.json ]; then \
		cd frontend && npm run check:client && npm run lint && npm test && npm run build; \
	else echo "no SPA yet"; fi

test-e2e: install ## the SPA in Chromium against the real backend, on the build in frontend/dist
	@if [ -f frontend/package.json ]; then \
		cd frontend && SAMMEN_PYTHON=$(CURDIR)/$(PY) npx playwright test; \
	else echo "no SPA yet"; fi

# Lint, the two backend suites and the SPA's tests are independent (each suite its own databases,
# ports and server), so they run side by side and each's output is printed when it ends: the
# browser tests wait on Chromium more than on the CPU, the backend suites the other way round.
test: ## everything, as CI runs it
	$(MAKE) --no-print-directory -j4 --output-sync=target lint test-sqlite test-postgres test-frontend

openapi: install ## regenerate openapi.yaml (commit it with every API change)
	$(VENV)/bin/sammen openapi --output openapi.yaml
	@if [ -f frontend/package.json ]; then cd frontend && npm run generate; fi

lock: ## re-pin Python dependencies into constraints.txt
	$(PIP) freeze --exclude-editable | grep -v '^sammen' > constraints.txt

.PHONY: help install spa run lint test-sqlite test-postgres test-frontend frontend-checks test-e2e test openapi lock

# Two commands set everything up on a fresh machine:
#   make serve   installs what the site needs, builds it and serves it at http://127.0.0.1:8000
#   make test    installs everything the tests need and runs every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
PY        := $(VENV)/bin/python
STAMP     := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e '.[test]'
	touch $@

install: $(STAMP) ## install the Python packages (pinned) into .venv

system-deps: ## install the Debian packages the tests use (requirements/system-packages.txt), when missing
	scripts/install-system-deps.sh

# Serving rebuilds only the pages an edit changed (--dirty, see src/rbkb/site/serve.py); MkDocs warns on every dirty
# build, so serving is --no-strict (mkdocs.yml sets strict). Links, and every page, are checked by make build and make test.
serve: $(STAMP) vendor ## build and serve the site at http://127.0.0.1:8000
	RUNBOOKS_CHECK_LINKS=false $(VENV)/bin/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

build: $(STAMP) vendor ## build the static site into site/
	$(VENV)/bin/mkdocs build --strict --site-dir site

lint: $(STAMP) ## check every runbook, command, doc snippet and script
	$(VENV)/bin/runbook lint --strict

schema: $(STAMP) ## regenerate schema/*.json from the model
	$(VENV)/bin/runbook schema

signatures: $(STAMP) ## rebuild src/rbkb/data/signatures.json (diagnose and the paste box) from the runbooks
	$(PY) scripts/gen_signatures.py

# Every core runs tests (pytest-xdist), a test file at a time: a module-scoped fixture (a site build, the browser
# sweep) is then made once, on one worker. One worker more than cores: a browser test waits on its page, and the
# extra worker keeps both cores busy (94 % of the run instead of 88 % on this 2-core machine). Files go out in
# collection order, browser files first (tests/conftest.py).
# Bytecode is written (__pycache__/, ignored by git) even where the environment turns it off, so pytest keeps its
# rewritten test modules between runs (collecting takes a worker 2.2 s instead of 4.4 s).
test: $(STAMP) system-deps vendor ## install everything the tests need and run every test
	$(VENV)/bin/ruff check src tests scripts macros
	$(VENV)/bin/mypy
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $$(( $$(nproc) + 1 )) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)  # e.g. make test PYTEST_ARGS=--durations=30

bench: $(STAMP) vendor ## time the linter, diagnose (coverage, accuracy, silence, CPU), the site (against plain Material) and growth to 30x the runbooks
	$(PY) scripts/bench_grammar.py
	$(PY) scripts/bench_analyze.py
	$(PY) scripts/bench_load.py
	$(PY) scripts/bench_site.py
	$(PY) scripts/bench_scale.py

# Mermaid is vendored from the pinned npm package (package-lock.json), never fetched from a CDN by a page.
NPM_STAMP := node_modules/.installed
MERMAID   := docs/assets/vendor/mermaid.min.js

$(NPM_STAMP): package.json package-lock.json
	command -v npm >/dev/null || scripts/install-system-deps.sh
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(MERMAID): $(NPM_STAMP)
	mkdir -p $(@D)
	cp node_modules/mermaid/dist/mermaid.min.js $@

vendor: $(MERMAID) ## install the pinned npm packages and copy Mermaid into docs/assets/vendor/

# TechDocs builds with mkdocs-techdocs-core, which pins older Material and pymdown-extensions: its own venv, with
# this package installed beside it (docs/reference/techdocs.md).
TECHDOCS_VENV  := .venv-techdocs
TECHDOCS_STAMP := $(TECHDOCS_VENV)/.installed

$(TECHDOCS_STAMP): pyproject.toml requirements/techdocs.txt scripts/techdocs_requirements.py
	test -x $(TECHDOCS_VENV)/bin/python || python3 -m venv $(TECHDOCS_VENV)
	$(TECHDOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	python3 scripts/techdocs_requirements.py > $(TECHDOCS_VENV)/requirements.txt
	$(TECHDOCS_VENV)/bin/python -m pip install --quiet -r requirements/techdocs.txt -r $(TECHDOCS_VENV)/requirements.txt
	$(TECHDOCS_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $@

techdocs-install: $(TECHDOCS_STAMP) ## create .venv-techdocs (mkdocs-techdocs-core and this package)

techdocs: $(TECHDOCS_STAMP) vendor ## build the site for Backstage TechDocs into site-techdocs/
	$(TECHDOCS_VENV)/bin/mkdocs build --strict -f mkdocs-techdocs.yml --site-dir site-techdocs

cards: $(STAMP) ## write the quick-reference cards (A4 and US Letter PDFs) into out/cards/
	$(VENV)/bin/runbook cards --out out/cards

alerts: $(STAMP) ## regenerate deploy/ (Prometheus rules, promtool tests, notification ConfigMaps, Grafana dashboard)
	$(VENV)/bin/runbook alerts

.PHONY: help install system-deps serve build lint schema signatures test bench vendor cards alerts techdocs-install techdocs

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

serve: $(STAMP) ## build and serve the site at http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) ## build the static site into site/
	$(VENV)/bin/mkdocs build --strict --site-dir site

lint: $(STAMP) ## check every runbook, command, doc snippet and script
	$(VENV)/bin/runbook lint --strict

schema: $(STAMP) ## regenerate schema/*.json from the model
	$(VENV)/bin/runbook schema

test: $(STAMP) system-deps ## install everything the tests need and run every test
	$(PY) -m pytest

bench: $(STAMP) ## time the linter against the real kubectl parser
	$(PY) scripts/bench_grammar.py

.PHONY: help install system-deps serve build lint schema test bench

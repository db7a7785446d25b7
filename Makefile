# The two commands a new user needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := infra/node_modules/.installed
# SAM CLI lives in its own venv: its pinned dependencies stay out of the product's.
SAM_VENV := .venv-sam
SAM_STAMP := $(SAM_VENV)/.installed

.PHONY: demo test lint bench install build clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

$(NPM_STAMP): infra/package.json
	cd infra && npm install --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP) $(NPM_STAMP)

demo: install
	$(BIN)/cx demo

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy shared bot infra functions
	$(BIN)/cfn-lint template.yaml
	$(BIN)/pytest

$(SAM_STAMP):
	$(PY) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet aws-sam-cli
	touch $@

# `sam build` as CI runs it: layers for shared/ and bot/, one function per folder in functions/
build: $(SAM_STAMP)
	SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam build --template-file template.yaml --build-dir .aws-sam/build

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy shared bot infra functions

bench: install
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/reports_bench.py

clean:
	rm -rf $(VENV) $(SAM_VENV) infra/node_modules .cx .aws-sam

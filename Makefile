# The two commands a new user needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := infra/node_modules/.installed
# SAM CLI lives in its own venv: its pinned dependencies stay out of the product's.
SAM_VENV := .venv-sam
SAM_STAMP := $(SAM_VENV)/.installed

# pytest-xdist workers for `make test`, each with its own in-memory DynamoDB Local; plain `pytest` runs in one process
TEST_WORKERS ?= 2

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
	$(BIN)/mypy shared bot infra functions tests
	$(BIN)/cfn-lint template.yaml
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

$(SAM_STAMP):
	$(PY) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet aws-sam-cli
	touch $@

# sam build needs the Lambda runtime's Python on PATH: python3.13 itself, or pyenv's 3.13 beside the 3.11 we develop on
RUNTIME_PY := python3.13
RUNTIME_BIN := $(shell $(RUNTIME_PY) -c 'import sys, os; print(os.path.dirname(sys.executable))' 2>/dev/null \
	|| ls -d $$(pyenv root 2>/dev/null)/versions/3.13*/bin 2>/dev/null | tail -n1)

# `sam build` as CI runs it: layers for shared/ and bot/, one function per folder in functions/
build: $(SAM_STAMP)
	@test -n "$(RUNTIME_BIN)" || { echo "sam build needs $(RUNTIME_PY) (the Lambda runtime): install it, e.g. pyenv install 3.13"; exit 1; }
	PATH="$(RUNTIME_BIN):$$PATH" SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam build --template-file template.yaml --build-dir .aws-sam/build

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy shared bot infra functions tests

bench: install
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/reports_bench.py
	$(BIN)/python bench/load_bench.py

clean:
	rm -rf $(VENV) $(SAM_VENV) infra/node_modules .cx .aws-sam

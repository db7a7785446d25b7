# The two commands a new user needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := infra/node_modules/.installed

.PHONY: demo test lint bench install clean

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

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy shared bot infra functions

bench: install
	$(BIN)/python bench/reports_bench.py

clean:
	rm -rf $(VENV) infra/node_modules .cx

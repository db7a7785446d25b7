# The two commands a new user needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := infra/node_modules/.installed
# SAM CLI lives in its own venv: its pinned dependencies stay out of the product's.
SAM_VENV := .venv-sam
SAM_STAMP := $(SAM_VENV)/.installed

# pytest-xdist workers for `make test`, each with its own in-memory DynamoDB Local; plain `pytest` runs in one process.
# Each worker takes whole modules (loadfile), slowest first as tests/conftest.py orders them (no xdist reorder).
TEST_WORKERS ?= 2

.PHONY: demo test lint bench install build lock clean

# Every dependency comes from a lock file, pinned with its hash (pip's --require-hashes): the dev/CI install
# from requirements-dev.txt, the layers and the score function from their requirements.txt. `make lock`
# compiles them again from pyproject.toml and the requirements.in files. The project itself is installed
# editable, which cannot be hash-checked, with --no-deps: its dependencies all come from the lock.
$(STAMP): pyproject.toml requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
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
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

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

# uv resolves for another platform than this one (the layers: python3.13 on arm64) and writes every file's hash;
# pip-tools can only resolve for the machine it runs on. The dev lock is universal (any OS, Python >= 3.11).
LOCK := $(BIN)/uv pip compile --quiet --generate-hashes --custom-compile-command "make lock"
LAMBDA_TARGET := --python-version 3.13 --python-platform aarch64-manylinux_2_28
# The Lambda runtime has boto3 and botocore: the shared layer leaves out botocore (which PynamoDB and the X-Ray
# SDK require) and what only botocore needs, and installs the rest with --no-deps (shared/Makefile).
BOTO_STACK := boto3 botocore s3transfer python-dateutil six

lock: install
	$(LOCK) --universal --python-version 3.11 --extra dev pyproject.toml -o requirements-dev.txt
	$(LOCK) $(LAMBDA_TARGET) $(addprefix --no-emit-package ,$(BOTO_STACK)) shared/requirements.in -o shared/requirements.txt
	$(LOCK) $(LAMBDA_TARGET) bot/requirements.in -o bot/requirements.txt
	$(LOCK) $(LAMBDA_TARGET) functions/score/requirements.in -o functions/score/requirements.txt

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy shared bot infra functions tests

bench: install
	$(BIN)/python bench/pipeline.py
	$(BIN)/python bench/reports_bench.py
	$(BIN)/python bench/load_bench.py

clean:
	rm -rf $(VENV) $(SAM_VENV) infra/node_modules .cx .aws-sam

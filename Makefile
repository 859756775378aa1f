# Two entry points for a fresh machine: `make serve` (preview with live reload) and `make test`
# (every check). Both bootstrap what they need, idempotently and quietly (pip -qq still prints
# errors); `make serve` and `make build` install only what building needs, `make test` adds the
# test tools (pyproject's `test` extra, npm's devDependencies). `make build` writes site/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
PY_TEST_STAMP := $(VENV)/.installed-test
NPM_STAMP := node_modules/.installed
NPM_TEST_STAMP := node_modules/.installed-test

.PHONY: setup serve build test lint typecheck pytest warm-cache bench clean messages

setup: $(PY_TEST_STAMP) $(NPM_TEST_STAMP)

define make_venv
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -qq --upgrade pip
endef

$(PY_STAMP): pyproject.toml
	@echo "Memasang kebutuhan Python ke $(VENV)/ (sekali saja; sekitar satu menit)..."
	$(make_venv)
	@$(BIN)/python -m pip install -qq -e .
	@touch $@

# One install of the package with its test extra (not the package, then again with the extra):
# it also satisfies what serve and build need, so their stamp is touched with it.
$(PY_TEST_STAMP): pyproject.toml
	@echo "Memasang kebutuhan Python dan alat uji ke $(VENV)/ (sekali saja; sekitar satu menit)..."
	$(make_venv)
	@$(BIN)/python -m pip install -qq -e '.[test]'
	@touch $(PY_STAMP) $@

# npm ci starts from an empty node_modules, so a runtime-only install removes the test tools:
# the test stamp goes with them. Its summary ("added 3 packages") goes to stdout; errors to stderr.
$(NPM_STAMP): package.json package-lock.json
	@echo "Memasang Pyodide ke node_modules/ (sekali saja)..."
	@npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@

$(NPM_TEST_STAMP): package.json package-lock.json
	@echo "Memasang Pyodide dan axe-core ke node_modules/ (sekali saja)..."
	@npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $(NPM_STAMP) $@

serve: $(PY_STAMP) $(NPM_STAMP)
	$(BIN)/kompetensi serve

build: $(PY_STAMP) $(NPM_STAMP)
	$(BIN)/kompetensi build

lint: $(PY_TEST_STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

typecheck: $(PY_TEST_STAMP)
	$(BIN)/mypy

# One pytest-xdist worker per core; a test module stays on one worker, the long ones first
# (tests/conftest.py).
pytest: setup
	$(BIN)/pytest -n auto --dist loadfile --no-loadscope-reorder

# ruff, mypy and one throw-away build run side by side, then the tests. The build fills the
# per-user compression cache (generator/precompress.py): a machine's first build spends about
# 30 s of one core on the pinned Pyodide runtime (brotli 11, its standard library compiled), and
# without it every test worker that builds first would pay that at once.
test: setup
	@$(MAKE) --no-print-directory -j3 --output-sync=target lint typecheck warm-cache
	@$(MAKE) --no-print-directory pytest

warm-cache: $(PY_STAMP) $(NPM_STAMP)
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	  $(BIN)/kompetensi build -d "$$scratch/site" > "$$scratch/log" 2>&1 \
	  || { cat "$$scratch/log"; exit 1; }

# Extract the msgids, update the Indonesian catalog, compile it (see CONTRIBUTING.md, "Messages").
messages: $(PY_TEST_STAMP)
	$(BIN)/python tests/i18n/message_catalog.py

bench: setup
	$(BIN)/python -m bench.run_all

clean:
	rm -rf site .site-* build dist *.egg-info

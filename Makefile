# Stack Guides: one entry point per job, the same locally and in CI.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export NO_MKDOCS_2_WARNING := 1

ADDR   ?= 127.0.0.1:8000

.PHONY: install install-test serve build test test-fast chromium hyperfine lint validate export bench lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.lock
	$(BIN)/python -m pip install --quiet -r requirements-test.lock
	touch $(TEST_STAMP)

install: $(STAMP) ## Create .venv with the locked runtime dependencies (enough to preview and build)

install-test: $(TEST_STAMP) ## Add the locked test tools (pytest, Playwright, ruff, ...)

serve: install ## Live preview at http://$(ADDR) (make serve ADDR=127.0.0.1:8001 for another port)
	@$(BIN)/python -c 'import socket; host, port = "$(ADDR)".rsplit(":", 1); s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((host, int(port)))' 2>/dev/null \
	  || { echo "$(ADDR) is already in use (another mkdocs serve?): stop it, or run make serve ADDR=127.0.0.1:8001" >&2; exit 1; }
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

build: install ## Strict build into site/
	$(BIN)/mkdocs build --strict

test: install-test chromium ## Lint and run the whole test suite
	$(BIN)/ruff check hooks tests benchmarks
	$(BIN)/ruff format --check hooks tests benchmarks
	$(BIN)/pytest

test-fast: install-test ## Lint, then the validation, unit and page tests only (no browser, server or scale tests)
	$(BIN)/ruff check hooks tests benchmarks
	$(BIN)/ruff format --check hooks tests benchmarks
	$(BIN)/pytest -m "not browser and not server and not slow" -q

chromium: ## The browser tests drive Debian's Chromium: install it when we can, else say how
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "make test needs Chromium for its browser tests: run 'sudo apt-get install chromium' (Debian, Ubuntu), then make test again" >&2; exit 1; \
	  fi; }

lint: install-test
	$(BIN)/ruff check hooks tests benchmarks

validate: install ## Check the data files without building
	$(BIN)/stackguides validate

bench: install-test hyperfine ## Build time, memory, page weight, first-search bytes (100, 1,000, 10,000 tools) and preview latency
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/search_bytes.py
	$(BIN)/python benchmarks/preview_latency.py --output benchmarks/PREVIEW.md

hyperfine: ## The build benchmark times builds with Debian's hyperfine: install it when we can, else say how
	@command -v hyperfine >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get install -y -qq hyperfine time || (apt-get update -qq && apt-get install -y -qq hyperfine time)) >/dev/null; \
	  else \
	    echo "make bench needs hyperfine: run 'sudo apt-get install hyperfine time' (Debian, Ubuntu), then make bench again" >&2; exit 1; \
	  fi; }

export: install ## Write the generated Markdown tree to export/
	$(BIN)/stackguides export export

lock: ## Re-resolve and pin every dependency: requirements.lock (runtime) and requirements-test.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e .
	echo '# Locked runtime dependencies (preview and build). Regenerate with `make lock`.' > requirements.lock
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^stackguides' >> requirements.lock
	.lock-venv/bin/python -m pip install --quiet -c requirements.lock -e '.[test]'
	echo '# Locked test-only dependencies, on top of requirements.lock. Regenerate with `make lock`.' > requirements-test.lock
	echo '-r requirements.lock' >> requirements-test.lock
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^stackguides' | grep -vxFf requirements.lock >> requirements-test.lock
	rm -rf .lock-venv

clean:
	rm -rf site export .pytest_cache

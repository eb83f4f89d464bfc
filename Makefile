# Stack Guides: one entry point per job, the same locally and in CI.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test lint validate export bench lock clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## Create .venv with the locked dependencies

serve: install ## Live preview at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install ## Strict build into site/
	$(BIN)/mkdocs build --strict

test: install ## Lint and run the whole test suite
	$(BIN)/ruff check hooks tests benchmarks
	$(BIN)/ruff format --check hooks tests benchmarks
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check hooks tests benchmarks

validate: install ## Check the data files without building
	$(BIN)/stackguides validate

bench: install ## Build time, memory and page weight for 100, 1,000 and 10,000 synthetic tools
	$(BIN)/python benchmarks/bench.py

export: install ## Write the generated Markdown tree to export/
	$(BIN)/stackguides export export

lock: ## Re-resolve and pin every dependency
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet -e '.[test]'
	echo '# Locked dependencies for Stack Guides (runtime + tests). Regenerate with `make lock`.' > requirements.lock
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^stackguides' >> requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site export .pytest_cache

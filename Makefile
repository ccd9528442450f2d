# The two entry points of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: setup demo test lint clean

$(BIN)/newscrawl: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,redis]'
	touch $@

setup: $(BIN)/newscrawl

## Crawl the bundled fixture news site (served on 127.0.0.1) into out/articles.jsonl.
demo: setup
	$(BIN)/python scripts/demo.py

## Lint and run the whole test suite.
test: setup
	$(BIN)/ruff check newscrawl tests bench scripts
	$(BIN)/ruff format --check newscrawl tests bench scripts
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) out build *.egg-info

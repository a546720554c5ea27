# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
PROCESSES ?= 1
CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

.PHONY: run test lint setup translations extract dist clean

# The virtual environment, rebuilt when the dependencies change.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

%.mo: %.po $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ >/dev/null

setup: $(BIN)/.installed $(CATALOGS)

run: setup
	$(BIN)/cafe serve --host $(HOST) --port $(PORT) --processes $(PROCESSES)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

# The sdist and the wheel built from it (setup.py puts templates, static files and the
# compiled catalogues into the package), in dist/.
dist: setup
	$(BIN)/python -m build --outdir dist .

# Refresh the message catalogues after changing user-facing text.
extract: setup
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --width 100

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info

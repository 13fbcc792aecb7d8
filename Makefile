# Two commands do everything on a fresh machine (see README.md):
#   make serve   set up, then serve the handbook at http://127.0.0.1:8000/ while you edit
#   make test    set up, then build the site and run every check
# Set-up is idempotent: it reinstalls only when requirements.txt changes.

VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup serve build test lint schema clean

setup: $(STAMP)

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

lint: setup
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/mypy hooks

schema: setup
	cd hooks && ../$(BIN)/python -m handbook.schema

test: lint
	$(BIN)/pytest

clean:
	rm -rf site $(VENV)

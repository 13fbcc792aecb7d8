# Two commands do everything on a fresh machine (see README.md):
#   make serve   set up, then serve the handbook at http://127.0.0.1:8000/ while you edit
#   make test    set up, then build the site and run every check
# Set-up is idempotent: Python packages are reinstalled only when requirements.txt changes, Debian
# packages only when one is missing.

VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-packages

export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system serve build pdf offline test test-fast lint schema bench clean

setup: $(STAMP)

$(STAMP): requirements.txt
	python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# Debian packages for the PDFs and the browser checks (fonts, PDF engine libraries, Chromium).
system: $(SYSTEM)

$(SYSTEM): scripts/setup-system.sh
	bash scripts/setup-system.sh
	mkdir -p $(VENV) && touch $(SYSTEM)

# Node packages for the browser checks (axe-core, Lighthouse), exactly as package-lock.json pins them.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch node_modules/.installed

# MkDocs serves from a temporary folder of its own and never touches site/.
serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The site in site/, with the PDFs of every chapter and of the whole handbook, and the offline copy.
# Everything is built in a staging folder first; site/ is replaced only when every step succeeded.
build: setup system node_modules/.installed
	cd hooks && ../$(BIN)/python -m handbook.build --site ../site

# Only the offline copy (site/downloads/chiiki-unei-handbook-offline.zip), written into a site already
# built; `make build` makes it too, without touching site/ until everything succeeded.
offline: setup node_modules/.installed
	cd hooks && ../$(BIN)/python -m handbook.offline --site ../site

# Only the PDFs, written into a site already built (`make build` makes them too).
pdf: setup system
	cd hooks && ../$(BIN)/python -m handbook.pdf --site ../site

# The tests are type-checked as strictly as the hooks, but for BeautifulSoup's types: an attribute is
# typed `str | list` and a selected element `Tag | None`; a test that reads the wrong one fails with its own
# message anyway, and narrowing each one would bury what the test checks.
TESTS_MYPY := --disable-error-code union-attr --disable-error-code index --disable-error-code arg-type \
	--no-warn-unused-ignores

lint: setup
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench
	$(BIN)/mypy hooks bench
	$(BIN)/mypy $(TESTS_MYPY) tests

# The JSON Schema editors use to check data files; run after changing hooks/handbook/models.py.
schema: setup
	cd hooks && ../$(BIN)/python -m handbook.schema

# Every check, as CI runs it: lint, then the whole suite (browser, PDFs, Lighthouse and the benchmark's
# smoke run included).
test: lint system node_modules/.installed
	$(BIN)/pytest

# The quick tier while editing: every test not marked slow (no browser, no PDFs), in about a minute.
test-fast: setup
	$(BIN)/pytest -m "not slow"

# Build time, scaling to 1,000 case studies, memory, page weight, search index, the time of all PDFs and
# `mkdocs serve` speed, measured in temporary copies (about 10 minutes; `$(BIN)/python bench/run.py --quick`
# for fewer runs, `--smoke` to see in a minute that every part still runs). Prints a table with each goal met
# or missed and writes bench/results.json.
bench: setup system node_modules/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf site $(VENV)

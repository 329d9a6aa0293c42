# The verbs a newcomer needs: run, test, lint, bench, load, messages.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
GEODATA := var/geo.sqlite3
SIZES ?= 10000,100000

.PHONY: run test lint check pytest bench load messages clean relevance mutation

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

frontend/dist/.built: frontend/package.json frontend/package-lock.json frontend/build.mjs $(shell find frontend/src -type f 2>/dev/null)
	cd frontend && npm ci --no-audit --no-fund --silent && npm run --silent build
	touch $@

# The postcode and place data, converted once into an indexed SQLite file (about half a minute).
$(GEODATA): $(VENV)/.installed directory/geodata.py
	mkdir -p var
	$(PY) -m directory.geodata $(GEODATA)

setup: $(VENV)/.installed frontend/dist/.built $(GEODATA)

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_demo
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: setup
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: setup
	$(VENV)/bin/pytest

test: lint check pytest

bench: setup
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(PY) -m bench.run --sizes $(SIZES)

load: setup
	$(PY) -m bench.load

messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale pl --locale ar --ignore '.venv/*' --ignore 'frontend/*'
	$(MANAGE) compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var

# Relevance on the demo (tests/search/relevance): hit@10, MRR and zero-result rate per backend, into bench/results/.
relevance: setup
	$(VENV)/bin/pytest tests/search/relevance -q -s -p no:cacheprovider

# Mutation testing of the core behaviours (pyproject.toml [tool.mutmut]); slow, so not part of `make test`.
# The score per module and the surviving mutants go to bench/results/mutation-report.txt.
mutation: setup
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 2 || true
	$(PY) -m bench.mutation_report > bench/results/mutation-report.txt

# The verbs a newcomer needs: run, test, lint, bench, load, messages.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
GEODATA := var/geo.sqlite3
SIZES ?= 10000,100000

.PHONY: run test lint check pytest bench bench-insight bench-import load messages clean relevance es-check mutation

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
	$(VENV)/bin/pytest -n auto

test: lint check pytest

# With DATABASE_URL naming a PostgreSQL server, the same sizes are timed there too, side by side.
bench: setup
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(PY) -m bench.run --sizes $(SIZES)
	# The suggestion endpoints are timed on the embedded default (SQLite), whatever DATABASE_URL names.
	DATABASE_URL= DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(PY) -m bench.suggest_words --size 100000

# The insight pages at 100,000 services and a year of searches at 1,000 a day (about ten minutes).
bench-insight: setup
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(PY) -m bench.insight --services 100000 --days 365

# An ORUK feed imported page by page while ten people search (SERVICES=10000 or 100000 for county or national).
SERVICES ?= 300
bench-import: setup
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(PY) -m bench.import_feed --services $(SERVICES)

load: setup
	$(PY) -m bench.load

messages: $(VENV)/.installed
	$(PY) -m directory.area_strings
	$(MANAGE) makemessages --locale pl --locale ar --locale ur --locale ro --ignore '.venv/*' --ignore 'frontend/*'
	$(MANAGE) compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var

# Relevance on the demo (tests/search/relevance): hit@10, MRR and zero-result rate per backend, into bench/results/.
relevance: setup
	$(VENV)/bin/pytest tests/search/relevance -q -s -p no:cacheprovider

# Against a real cluster (ELASTICSEARCH_URL, and _CA_CERTS/_API_KEY as deployed): the whole contract suite
# (failing, not skipping, without one), the benchmark, then the parity table database vs Elasticsearch.
es-check: setup
	@test -n "$$ELASTICSEARCH_URL$$ELASTICSEARCH_CLOUD_ID" || { echo "Set ELASTICSEARCH_URL first (README: Elasticsearch)."; exit 2; }
	EARLYHELP_REQUIRE=elasticsearch $(VENV)/bin/pytest tests/contract -q -p no:cacheprovider
	# With DATABASE_URL naming a PostgreSQL server, the same sizes are timed there too, side by side.
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(PY) -m bench.run --sizes $(SIZES)
	DJANGO_SETTINGS_MODULE=earlyhelp.settings.test $(PY) -m bench.parity

# Mutation testing of the core behaviours (pyproject.toml [tool.mutmut]); slow, so not part of `make test`.
# The score per module, the time taken and the surviving mutants (each either equivalent, with the reason in
# bench/mutation_equivalents.py, or a missing test) go to bench/results/mutation-report.txt.
# MUTATION_CHILDREN: mutants tested at once (one per core you can spare); MUTANTS: only these, by mutmut's
# names or globs ("directory.distance.*"), after the full pass over the tests.
MUTATION_CHILDREN ?= 2
MUTANTS ?=
mutation: $(VENV)/.installed $(GEODATA)
	rm -rf mutants
	mkdir -p mutants/var && ln -s $(abspath $(GEODATA)) mutants/var/geo.sqlite3
	date +%s > mutants/started-at
	ORUK_SCHEMA_DIR=$${ORUK_SCHEMA_DIR:-$(abspath ../shared/oruk)} $(VENV)/bin/mutmut run --max-children $(MUTATION_CHILDREN) $(MUTANTS) || true
	$(PY) -m bench.mutation_report --seconds $$(( $$(date +%s) - $$(cat mutants/started-at) )) \
		> bench/results/mutation-report.txt
	cat bench/results/mutation-report.txt

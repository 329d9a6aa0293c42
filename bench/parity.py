"""Database vs Elasticsearch on the benchmark's query mix: totals, first-page ids and facet counts side by side.

    ELASTICSEARCH_URL=https://... python -m bench.parity [--size 2000] [--seed 7]

Loads `size` synthetic services (bench.synthetic) into a throwaway SQLite database and into a throwaway
Elasticsearch index (`<ELASTICSEARCH_INDEX>-parity`, deleted after), runs bench.mix on both and prints one
row per search, then each backend's p50/p95 in ms over the mix (`make bench` times the database alone).
Exits 1 when any search differs, so `make es-check` fails loudly. Ranking ties may order
equal-scored services differently: the first-page column compares the ids as sets and says "order" when
only their order differs.
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="synthetic services (default 2000)")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


def compare(database, elasticsearch):
    """One row: (totals equal, first page "same"/"order"/"differs", facets equal) for two SearchResults."""
    ids = [[item.service_id for item in results.items] for results in (database, elasticsearch)]
    page = "same" if ids[0] == ids[1] else "order" if sorted(ids[0]) == sorted(ids[1]) else "differs"
    facets = [
        {name: [(value.code, value.count) for value in values] for name, values in results.facets.items()}
        for results in (database, elasticsearch)
    ]
    return database.total == elasticsearch.total, page, facets[0] == facets[1]


def table(rows):
    """The parity table as text: one line per search and a last line counting the differences."""
    lines = [f"{'search':<58} {'db total':>8} {'es total':>8}  {'page':<7} facets"]
    differing = 0
    for description, database, elasticsearch in rows:
        same_total, page, same_facets = compare(database, elasticsearch)
        differing += not (same_total and page == "same" and same_facets)
        lines.append(
            f"{description[:58]:<58} {database.total:>8} {elasticsearch.total:>8}  {page:<7} "
            f"{'same' if same_facets else 'differs'}"
        )
    lines.append(f"{len(rows) - differing} of {len(rows)} searches answer the same on both backends.")
    return "\n".join(lines), differing


def main(argv=None):
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.test")
    workdir = Path(tempfile.mkdtemp(prefix="earlyhelp-parity-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'template.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from bench import mix
    from bench.databases import migrated_template, use_database
    from bench.run import FIRST_SERVICE_ID, percentile, place_texts, timed, vocab
    from bench.synthetic import ServiceMaker
    from directory import geo
    from search.backends.database import DatabaseSearchBackend
    from search.backends.elasticsearch import ElasticsearchSearchBackend

    if not settings.ELASTICSEARCH_URL and not settings.ELASTICSEARCH_CLOUD_ID:
        print("Set ELASTICSEARCH_URL (or ELASTICSEARCH_CLOUD_ID): parity needs a cluster.", file=sys.stderr)
        return 2
    elasticsearch = ElasticsearchSearchBackend(index=f"{settings.ELASTICSEARCH_INDEX}-parity")
    try:
        use_database(migrated_template(workdir))
        maker = ServiceMaker("west-sussex", settings.GEODATA_PATH, args.seed)
        documents = [maker.document(i) for i in range(FIRST_SERVICE_ID, FIRST_SERVICE_ID + args.size)]
        database = DatabaseSearchBackend()
        with transaction.atomic():
            database.write_documents(documents)
        elasticsearch.load_documents(documents)

        searches = mix.make_mix(vocab(), place_texts(), args.seed)
        places = {text: geo.resolve_place(text) for text in {s.place_text for s in searches if s.place_text}}
        rows, times = [], {"database": [], "elasticsearch": []}
        for search in searches:
            query = search.query(places.get(search.place_text))
            answers = []
            for name, backend in (("database", database), ("elasticsearch", elasticsearch)):
                milliseconds, answer = timed(backend.search, query)
                times[name].append(milliseconds)
                answers.append(answer)
            rows.append((search.describe(), *answers))
        text, differing = table(rows)
        print(text)
        for name, values in times.items():
            print(f"{name}: p50 {percentile(values, 0.5):.1f} ms, p95 {percentile(values, 0.95):.1f} ms")
        return 1 if differing else 0
    finally:
        elasticsearch.drop_index()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

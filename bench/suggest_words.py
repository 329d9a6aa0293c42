"""Time the keyword box's suggestions (topics and service names) on synthetic services.

    DJANGO_SETTINGS_MODULE=earlyhelp.settings.test python -m bench.suggest_words --size 100000

A fresh temporary SQLite database, the services written straight into the search index, then every
prefix a family types on the way to each topic and a few service names, timed through backend.suggest().
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.databases import migrated_template, use_database
from bench.run import AREA, FIRST_SERVICE_ID, percentile

BATCH = 2000


def load(size, seed):
    """`size` synthetic services in the search index; returns their names (to type the starts of)."""
    from django.conf import settings
    from django.db import transaction

    from bench.synthetic import ServiceMaker
    from search.backends.database import DatabaseSearchBackend

    maker = ServiceMaker(AREA, settings.GEODATA_PATH, seed)
    backend = DatabaseSearchBackend()
    names = []
    last = FIRST_SERVICE_ID + size
    with transaction.atomic():
        for start in range(FIRST_SERVICE_ID, last, BATCH):
            documents = [maker.document(i) for i in range(start, min(start + BATCH, last))]
            backend.write_documents(documents)
            names += [document["name"] for document in documents[:5]]
    return names


def prefixes(names, rng):
    """What the keyword box is asked as someone types: 2 to 6 letters of topics and of service names."""
    from bench.synthetic import TOPICS

    typed = [("topic", topic[:length]) for topic, _weight in TOPICS for length in range(2, 7)]
    typed += [("service", name[:length]) for name in rng.sample(names, min(60, len(names))) for length in (2, 4, 6)]
    rng.shuffle(typed)
    return typed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100000, help="number of synthetic services")
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the prefixes")
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.test")
    import django

    django.setup()
    from search.backends.database import DatabaseSearchBackend

    with tempfile.TemporaryDirectory(prefix="suggest-bench-") as workdir:
        template = migrated_template(Path(workdir))
        use_database(template)
        names = load(args.size, args.seed)
        backend = DatabaseSearchBackend()
        typed = prefixes(names, random.Random(args.seed))
        for kind, prefix in typed:  # warm the page cache, untimed
            backend.suggest(prefix, kind)
        timings = {"topic": [], "service": []}
        for _run in range(args.runs):
            for kind, prefix in typed:
                started = time.perf_counter()
                backend.suggest(prefix, kind)
                timings[kind].append((time.perf_counter() - started) * 1000)
    every = timings["topic"] + timings["service"]
    print(f"keyword suggestions at {args.size:,} services ({len(every)} timed)")
    for label, values in (("topics", timings["topic"]), ("service names", timings["service"]), ("all", every)):
        print(f"  {label:14} p50 {percentile(values, 0.5):7.2f} ms   p95 {percentile(values, 0.95):7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

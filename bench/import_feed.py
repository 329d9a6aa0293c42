"""make bench-import: import a generated ORUK feed served page by page, while ten people search the site.

A fresh SQLite database (WAL, as the settings open it) gets the West Sussex profile and a first feed of
--seed services, so searches find something. Then ten searcher threads run /search/ and /api/search through
Django's test client (each thread its own database connection) for --baseline seconds with nothing else
happening, and again while a second feed of --services new services is imported from a local http.server
thread, published. The searchers run in a process of their own, as the site's workers do beside a cron job
(--searchers-in-process runs them as threads of the importing process, sharing its interpreter lock, as
before December 2026). Prints services per second, queries a service and, before and during the import,
searches done, errors (a 5xx or an exception, e.g. "database is locked") and p95; the p95 ratio is the cost
of importing to a family searching. The searchers are also timed beside a process that only spins (no
database): on a 2-core machine that is what any busy neighbour costs them, the part of the ratio that is the
machine's, not the import's.

    .venv/bin/python -m bench.import_feed                      # 300 services (a minute)
    .venv/bin/python -m bench.import_feed --services 10000     # county size
    .venv/bin/python -m bench.import_feed --services 100000    # national size
"""

import argparse
import functools
import http.server
import json
import multiprocessing
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEST_SUSSEX_LADS = ("E07000223", "E07000224", "E07000225", "E07000226", "E07000227", "E07000228", "E07000229")
WORDS = ["parenting", "autism", "food bank", "emotional wellbeing", "youth club", "SEND", "young carers", "debt"]
PLACES = ["Worthing", "Crawley", "Horsham", "Chichester", "BN11 1HS", "RH10 6HG", "Bognor Regis", "PO21 1DP"]
PER_PAGE = 100
SEARCHERS = 10


def postcodes():
    geo = sqlite3.connect(ROOT / "var" / "geo.sqlite3")
    marks = ",".join("?" * len(WEST_SUSSEX_LADS))
    return geo.execute(
        f"SELECT pc, lat, lon FROM postcode WHERE lat IS NOT NULL AND lad IN ({marks}) ORDER BY pc",  # noqa: S608
        WEST_SUSSEX_LADS,
    ).fetchall()


def service(n: int, rng: random.Random, places, organisations: int) -> dict:
    """One valid ORUK service at a real West Sussex postcode, with its coordinates."""
    pc, lat, lon = rng.choice(places)
    org = n % organisations
    word = rng.choice(WORDS)
    return {
        "id": str(uuid.UUID(int=(7 << 120) + n)),
        "name": f"{word.capitalize()} support {n}",
        "description": f"Help with {word} for families near {pc}. Drop in or call us.",
        "status": "active",
        "url": f"https://provider{org}.example.org/services/{n}",
        "email": f"hello{n}@provider{org}.example.org",
        "minimum_age": rng.choice([0, 5, 11]),
        "maximum_age": rng.choice([18, 25]),
        "organization": {
            "id": str(uuid.UUID(int=(8 << 120) + org)),
            "name": f"Provider {org}",
            "description": "A local charity.",
        },
        "service_at_locations": [
            {
                "id": str(uuid.UUID(int=(9 << 120) + n)),
                "location": {
                    "id": str(uuid.UUID(int=(10 << 120) + n)),
                    "location_type": "physical",
                    "name": f"Centre {n}",
                    "latitude": lat,
                    "longitude": lon,
                    "addresses": [
                        {
                            "id": str(uuid.UUID(int=(11 << 120) + n)),
                            "address_1": f"{n} High Street",
                            "city": "West Sussex",
                            "state_province": "West Sussex",
                            "postal_code": pc,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }


class FeedServer:
    """Serves /feed{start}?page=N: PER_PAGE services a page, made when asked, so memory stays small."""

    def __init__(self):
        self.feeds = {}  # name -> (first id, count)
        self.places = postcodes()
        bench = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                path, _, query = self.path.partition("?")
                first, count = bench.feeds[path.strip("/")]
                number = int(dict(p.split("=") for p in query.split("&") if "=" in p).get("page", "1"))
                body = json.dumps(bench.page(first, count, number)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def page(self, first, count, number):
        total_pages = max(1, -(-count // PER_PAGE))
        start = first + (number - 1) * PER_PAGE
        contents = [
            service(n, random.Random(n), self.places, organisations=max(1, (first + count) // 20))
            for n in range(start, min(start + PER_PAGE, first + count))
        ]
        return {
            "total_items": count,
            "total_pages": total_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number == total_pages,
            "contents": contents,
        }

    def url(self, name, first, count):
        self.feeds[name] = (first, count)
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{name}?page=1"


def searchers(stop: threading.Event, results: list):
    """Ten people searching until `stop`: (seconds, ok) for each search."""
    from django.db import connection
    from django.test import Client

    def one(seed):
        rng, client = random.Random(seed), Client()
        try:
            while not stop.is_set():
                params = {"q": rng.choice(WORDS), "postcode": rng.choice(PLACES)}
                path = "/api/search" if rng.random() < 0.5 else "/search/"
                started = time.perf_counter()
                try:
                    ok = client.get(path, params).status_code < 500
                except Exception:  # noqa: BLE001  ("database is locked" is what we look for)
                    ok = False
                results.append((time.perf_counter() - started, ok))
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(seed,)) for seed in range(SEARCHERS)]
    for thread in threads:
        thread.start()
    return threads


def as_the_site_logs(log_in_request):
    """The test settings write the search log inside the request; the site writes it from a thread."""
    from django.conf import settings

    settings.SEARCH_LOG_IN_BACKGROUND = not log_in_request


def search_process(database, log_in_request, ready, stop, out):
    """The searchers in a process of their own, as the site's workers are to a cron job: (seconds, ok) to `out`."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.test")
    import django

    django.setup()
    as_the_site_logs(log_in_request)
    from django.test import Client

    from search.log import background_writer

    # Imports and first queries, before the clock starts; a second page, so it is not logged.
    Client().get("/search/", {"q": "warm up", "page": 2})
    stopping, results = threading.Event(), []
    threads = searchers(stopping, results)
    ready.set()
    stop.wait()
    stopping.set()
    for thread in threads:
        thread.join()
    background_writer.flush()  # the rows still queued are written before the process ends
    out.put(results)


class InProcess:
    """The searchers as threads of this process: the import then shares its interpreter lock with them."""

    def __enter__(self):
        self.stop, self.results = threading.Event(), []
        self.threads = searchers(self.stop, self.results)
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


class OwnProcess:
    def __init__(self, database, log_in_request):
        self.database, self.log_in_request = database, log_in_request

    def __enter__(self):
        context = multiprocessing.get_context("spawn")
        self.ready, self.stop, self.out = context.Event(), context.Event(), context.Queue()
        self.process = context.Process(
            target=search_process, args=(self.database, self.log_in_request, self.ready, self.stop, self.out)
        )
        self.process.start()
        self.ready.wait()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.results = self.out.get()
        self.process.join()


def _spin(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def busy_for(seconds):
    """A second process doing nothing but use a core, touching no database: what any busy neighbour costs."""
    process = multiprocessing.get_context("spawn").Process(target=_spin, args=(seconds,))
    process.start()
    process.join()


def measured(seconds_or_work, label, searching):
    with searching() as search:
        started = time.perf_counter()
        value = seconds_or_work() if callable(seconds_or_work) else time.sleep(seconds_or_work)
        elapsed = time.perf_counter() - started
    results = search.results
    times = sorted(t for t, _ in results)
    p95 = times[int(0.95 * (len(times) - 1))] if times else float("nan")
    errors = sum(1 for _, ok in results if not ok)
    median = statistics.median(times) if times else float("nan")
    print(
        f"{label}: {len(results)} searches in {elapsed:.0f} s, {errors} errors, "
        f"median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"
    )
    return value, p95, errors, len(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=300, help="services in the feed imported under load")
    parser.add_argument("--seed", type=int, default=200, help="services imported first, so searches find some")
    parser.add_argument("--baseline", type=float, default=15, help="seconds of searching before the import")
    parser.add_argument("--keep", help="a folder to keep the database in")
    parser.add_argument(
        "--searchers-in-process",
        action="store_true",
        help="search from threads of the importing process (until December 2026 the only way: the import then "
        "competes with the searchers for Python's interpreter lock, which a cron job never does)",
    )
    parser.add_argument(
        "--log-in-request",
        action="store_true",
        help="write each search's log row inside its request (until December 2026 the only way), not from the "
        "worker's background writer",
    )
    args = parser.parse_args()

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    database, template = workdir / "import.sqlite3", workdir / "migrated.sqlite3"
    for path in workdir.glob("import.sqlite3*"):
        path.unlink()
    if template.exists():  # --keep: migrated once, copied each run
        shutil.copyfile(template, database)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from directory.area_profiles import load_area
    from directory.exchange.oruk_import import import_oruk_source

    if not template.exists():
        call_command("migrate", verbosity=0, interactive=False)
        load_area("west-sussex")
        connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(database, template)
    mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    server = FeedServer()
    print(
        f"SQLite {sqlite3.sqlite_version}, journal_mode={mode}; feed pages of {PER_PAGE} from {server.url('x', 0, 0)}"
    )
    if args.seed:
        report = import_oruk_source(server.url("seed", 0, args.seed), publish=True)
        print(f"Seeded {report.created['service']} services in {report.duration:.0f} s.")

    from search.models import SearchLogEntry

    logged_before = SearchLogEntry.objects.count()
    if args.searchers_in_process:
        as_the_site_logs(args.log_in_request)
        searching = InProcess
    else:
        connection.close()  # the searchers' process opens its own
        searching = functools.partial(OwnProcess, database, args.log_in_request)
    _, before, errors_before, searches_before = measured(args.baseline, "Before the import", searching)
    # The searchers again beside a process that only spins: on two cores, what any busy neighbour costs them,
    # so the import's own cost can be told from the machine's.
    _, beside_busy, _, searches_busy = measured(lambda: busy_for(args.baseline), "Beside a busy loop", searching)
    shown = {"at": 0.0}

    def progress(pages, done):
        if sys.stdout.isatty() and time.monotonic() - shown["at"] > 1:
            shown["at"] = time.monotonic()
            print(f"\r  {pages} pages read, {done} services done", end="", flush=True)

    feed = server.url("feed", args.seed, args.services)
    queries = [0]

    def counted(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    def importing():
        with connection.execute_wrapper(counted):
            return import_oruk_source(feed, publish=True, progress=progress)

    report, during, errors_during, searches = measured(importing, "During the import", searching)
    if sys.stdout.isatty():
        print()
    done = report.created["service"] + report.updated["service"] + report.unchanged["service"]
    print(
        f"Imported {done:,} of {args.services:,} services ({report.refused} refused) from {report.pages} pages "
        f"in {report.duration:.0f} s: {done / report.duration:.1f} services/s, "
        f"{queries[0] / max(done, 1):.1f} queries a service."
        + ("" if report.complete else f" FAILED: {report.failure}")
    )
    print(
        f"Searches: errors {errors_before} before, {errors_during} during; "
        f"p95 {before * 1000:.0f} ms before, {during * 1000:.0f} ms during (x{during / before:.1f}); "
        f"beside a busy loop that touches no database {beside_busy * 1000:.0f} ms (x{beside_busy / before:.1f})."
    )
    if args.searchers_in_process:
        from search.log import background_writer

        background_writer.flush()
    logged = SearchLogEntry.objects.count() - logged_before
    searched = searches_before + searches_busy + searches
    print(
        f"Search log: {logged:,} rows for {searched:,} searches"
        + (" (written inside each request)." if args.log_in_request else " (written by the background writer).")
    )
    return 0 if report.complete and not errors_during else 1


if __name__ == "__main__":
    sys.exit(main())

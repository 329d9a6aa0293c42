"""`make bench`: time the backend, the HTTP APIs (ours and ORUK), the naive way and the SQL floor on synthetic services.

    DJANGO_SETTINGS_MODULE=earlyhelp.settings.test python -m bench.run --sizes 10000,100000
    ... python -m bench.run --sizes 10000,100000 --postgres postgres://user@host:5432/postgres

Each size gets a fresh temporary SQLite database, migrated once and copied. With --postgres (or
DATABASE_URL naming PostgreSQL, as `make bench` passes it) the same sizes and the same query mix are then
timed on PostgreSQL too, each size in a throwaway database created on that server and dropped after,
in a second process (Django picks its database engine once per process). Prints one table with both,
side by side, and writes bench/results/<UTC time>.json.

Over 400 lines on purpose: one benchmark run, from loading the databases to the table, for people
reading the figures; the query mix, data and databases are modules of their own.
"""

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS_DIR = Path(__file__).resolve().parent / "results"
AREA = "west-sussex"
METHODS = ("backend", "http", "oruk", "naive", "sql_floor")
# Answers in other terms (ORUK ids, and only the filters ORUK can say): timed, not compared with the backend.
NOT_COMPARED = ("oruk",)
# Synthetic services take page ids from here up, clear of the pages the migrations make.
FIRST_SERVICE_ID = 1000
JSON_NAMES = {"sql_floor": "sql_lower_bound"}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated numbers of services")
    parser.add_argument("--runs", type=int, default=5, help="timed passes over the query mix per method")
    parser.add_argument("--warmup", type=int, default=1, help="untimed passes over the mix first")
    parser.add_argument("--naive-budget", type=float, default=20.0, help="seconds of naive searches per size")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases and say where")
    parser.add_argument("--no-write", action="store_true", help="print only; write no results file")
    parser.add_argument(
        "--explain", action="store_true", help="print the query plans of the three slowest searches (always saved)"
    )
    parser.add_argument(
        "--postgres",
        default=_postgres_from_environment(),
        help="a PostgreSQL server URL to time side by side (default: DATABASE_URL when it is PostgreSQL)",
    )
    parser.add_argument("--postgres-only", metavar="JSON", help=argparse.SUPPRESS)  # the second process
    return parser.parse_args(argv)


def _postgres_from_environment():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def machine():
    import sqlite3

    import django

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "platform": platform.platform(),
    }


def load_services(size, seed):
    """`size` synthetic services written straight into the search index, and as live pages for the ORUK API."""
    from django.conf import settings
    from django.db import transaction

    from bench.oruk import PageMaker
    from bench.synthetic import ServiceMaker
    from search.backends.database import DatabaseSearchBackend

    maker = ServiceMaker(AREA, settings.GEODATA_PATH, seed)
    backend = DatabaseSearchBackend()
    pages = PageMaker()
    first, last = FIRST_SERVICE_ID, FIRST_SERVICE_ID + size
    with transaction.atomic():
        for start in range(first, last, 2000):
            documents = [maker.document(i) for i in range(start, min(start + 2000, last))]
            backend.write_documents(documents)
            pages.add(documents)
    _settle()
    return maker.next_location_id - 1


def _settle():
    """PostgreSQL: VACUUM ANALYZE, as autovacuum leaves a database soon after a bulk write. Timed straight after
    loading, each first read of a row also wrote its hint bits, and the planner had no statistics for the new
    rows (a common word's search: 600 ms fresh, 470 ms settled). SQLite keeps no statistics unless told to,
    and the site never tells it, so nothing is done there."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def place_texts():
    """What people type for a place: town names, their outcodes and full postcodes near their centres."""
    from django.conf import settings

    from bench import mix
    from bench.synthetic import nearest_postcode
    from directory import geo

    texts = []
    for name in mix.AREA_TOWNS + mix.OTHER_TOWNS:
        town = geo.lookup_town(name)
        postcode = nearest_postcode(settings.GEODATA_PATH, town.latitude, town.longitude)
        texts.append(name)
        if postcode:
            full = geo.format_postcode(postcode)
            texts += [full, full.split()[0]]
    return texts


def vocab():
    from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag

    return {
        "outcomes": list(OutcomeTag.objects.values_list("code", flat=True)),
        "need_levels": list(NeedLevelTag.objects.values_list("code", flat=True)),
        "age_bands": list(AgeBandTag.objects.values_list("code", flat=True)),
        "districts": list(DistrictTag.objects.values_list("code", flat=True)),
    }


def timed(function, *args):
    started = time.perf_counter()
    answer = function(*args)
    return (time.perf_counter() - started) * 1000, answer


def percentile(values, share):
    """The nearest-rank percentile: the value below which `share` of the samples fall."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def api_available(path="/api/search"):
    from django.urls import Resolver404, resolve

    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def methods_for(backend, floor):
    """Each way of searching, as a function of (ServiceQuery, Search) returning (total, page ids).

    The ORUK method answers only searches with a place (None for the others, which are not timed).
    """
    from bench import oruk

    methods = {"backend": lambda query, search: _answer(backend.search(query))}
    if floor:
        methods["sql_floor"] = lambda query, search: floor.search(query)
    if api_available():
        from django.test import Client

        client = Client()

        def http(query, search):
            response = client.get("/api/search", search.http_params())
            if response.status_code != 200:
                return response.status_code, response.content[:200]
            body = response.json()
            return body["total"], [result["id"] for result in body["results"]]

        methods["http"] = http
    if api_available(oruk.PATH):
        from django.test import Client

        methods["oruk"] = oruk.proximity_method(Client())
    return methods


def _answer(results):
    return results.total, [item.service_id for item in results.items]


def time_methods(methods, queries, searches, args):
    """Warm-up passes (checking every method agrees with the backend), then timed passes over the mix."""
    samples = {name: [] for name in METHODS}
    by_kind, by_search, disagreements = {}, {}, []
    expected = [methods["backend"](query, search) for query, search in zip(queries, searches, strict=True)]
    for name, method in methods.items():
        for _ in range(args.warmup):
            for query, search, wanted in zip(queries, searches, expected, strict=True):
                got = method(query, search)
                if name not in NOT_COMPARED and got != wanted:
                    disagreements.append(f"{name}: {search.describe()}: {got!r:.120} != backend {wanted!r:.120}")
        for _ in range(args.runs):
            for query, search in zip(queries, searches, strict=True):
                elapsed, answer = timed(method, query, search)
                if answer is None:
                    continue  # a search this method does not make
                samples[name].append(elapsed)
                if name == "backend":
                    by_kind.setdefault(search.kind, []).append(elapsed)
                    by_search.setdefault(search.describe(), []).append(elapsed)
    slowest = sorted(((percentile(v, 0.5), d) for d, v in by_search.items()), reverse=True)[:5]
    return samples, by_kind, [(d, _round(ms)) for ms, d in slowest], disagreements


def time_naive(queries, args):
    """The naive way takes seconds a search at 100k: a seeded sample of the mix within a time budget."""
    from bench import naive

    order = list(range(len(queries)))
    random.Random(args.seed).shuffle(order)
    samples, spent = [], 0.0
    for index in order:
        elapsed, _ = timed(naive.search, queries[index])
        samples.append(elapsed)
        spent += elapsed / 1000
        if spent > args.naive_budget and len(samples) >= 5:
            break
    return samples


def explain_slowest(slowest, searches, queries, backend, count=3):
    """The plan of the slowest statement of each of the `count` slowest searches: EXPLAIN ANALYZE on PostgreSQL,
    EXPLAIN QUERY PLAN on SQLite (which has no ANALYZE)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    by_description = {search.describe(): query for search, query in zip(searches, queries, strict=True)}
    analyse = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    plans = []
    for description, _ms in slowest[:count]:
        with CaptureQueriesContext(connection) as captured:
            backend.search(by_description[description])
        statement = max(captured.captured_queries, key=lambda row: float(row["time"]))
        with connection.cursor() as cursor:
            cursor.execute(analyse + statement["sql"])
            plan = "\n".join(" ".join(str(cell) for cell in row) for row in cursor.fetchall())
        plans.append(
            {
                "search": description,
                "statements": len(captured.captured_queries),
                "slowest_statement_ms": round(float(statement["time"]) * 1000, 1),
                "sql": statement["sql"],
                "plan": plan,
            }
        )
    return plans


def run_size(size, args, databases):
    from bench import mix
    from directory import geo
    from search.backends.database import DatabaseSearchBackend

    started = time.perf_counter()
    path = databases.fresh(size)
    locations = load_services(size, args.seed)
    load_seconds = time.perf_counter() - started
    print(
        f"{databases.label}: {size:,} services, {locations:,} locations: loaded in {load_seconds:.1f} s; timing...",
        flush=True,
    )

    searches = mix.make_mix(vocab(), place_texts(), args.seed)
    places = {text: geo.resolve_place(text) for text in {s.place_text for s in searches if s.place_text}}
    queries = [s.query(places.get(s.place_text)) for s in searches]
    floor = databases.floor(path)
    try:
        methods = methods_for(DatabaseSearchBackend(), floor)
        samples, by_kind, slowest, disagreements = time_methods(methods, queries, searches, args)
        plans = explain_slowest(slowest, searches, queries, DatabaseSearchBackend())
    finally:
        if floor:
            floor.close()
    samples["naive"] = time_naive(queries, args)

    summary = {
        "database": databases.label,
        "services": size,
        "locations": locations,
        "load_seconds": round(load_seconds, 1),
    }
    for name in METHODS:
        values = samples[name]
        prefix = JSON_NAMES.get(name, name)
        summary[f"{prefix}_p50_ms"] = _round(percentile(values, 0.5))
        summary[f"{prefix}_p95_ms"] = _round(percentile(values, 0.95))
        summary[f"{prefix}_runs"] = len(values)
    summary["naive_sampled"] = len(samples["naive"]) < len(queries) * args.runs
    summary["backend_p95_ms_by_kind"] = {kind: _round(percentile(v, 0.95)) for kind, v in by_kind.items()}
    summary["backend_p50_ms_by_kind"] = {kind: _round(percentile(v, 0.5)) for kind, v in by_kind.items()}
    summary["backend_slowest_searches_p50_ms"] = dict(slowest)
    summary["naive_over_backend_p95"] = _ratio(summary["naive_p95_ms"], summary["backend_p95_ms"])
    summary["backend_over_sql_lower_bound_p95"] = _ratio(summary["backend_p95_ms"], summary["sql_lower_bound_p95_ms"])
    summary["http_measured"] = "http" in samples and bool(samples["http"])
    summary["oruk_measured"] = bool(samples["oruk"])
    summary["disagreements"] = disagreements
    summary["slowest_plans"] = plans
    if args.keep:
        summary["database_path"] = str(path)
    else:
        databases.drop(path)
    return summary, searches


def _round(value):
    return None if value is None else round(value, 2)


def _ratio(top, bottom):
    return None if top is None or not bottom else round(top / bottom, 2)


def _cell(value):
    return "-" if value is None else f"{value:,.1f}"


def print_table(summaries, info, args):
    print(f"\nMachine: {info['cpu']}, {info['cores']} cores; Python {info['python']}, SQLite {info['sqlite']}")
    print(
        f"Query mix: {args.runs} timed passes after {args.warmup} warm-up; the naive way is a sample of the mix "
        f"within {args.naive_budget:g} s a size (n = how many searches)\n"
    )
    header = ["database", "services", "backend p50", "backend p95", "HTTP p50", "HTTP p95"]
    header += ["ORUK near p50", "ORUK near p95"]
    header += ["naive p50", "naive p95"]
    header += ["SQL floor p50", "SQL floor p95", "naive/backend", "backend/floor"]
    rows = []
    for s in summaries:
        naive_over, over_floor = s["naive_over_backend_p95"], s["backend_over_sql_lower_bound_p95"]
        rows.append(
            [
                s.get("database", "SQLite"),
                f"{s['services']:,}",
                _cell(s["backend_p50_ms"]),
                _cell(s["backend_p95_ms"]),
                _cell(s["http_p50_ms"]),
                _cell(s["http_p95_ms"]),
                _cell(s["oruk_p50_ms"]),
                _cell(s["oruk_p95_ms"]) + f" (n={s['oruk_runs']})",
                _cell(s["naive_p50_ms"]),
                _cell(s["naive_p95_ms"]) + f" (n={s['naive_runs']})",
                _cell(s["sql_lower_bound_p50_ms"]),
                _cell(s["sql_lower_bound_p95_ms"]),
                "-" if naive_over is None else f"{naive_over:,.0f}×",
                "-" if over_floor is None else f"{over_floor:.2f}×",
            ]
        )
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)) + "   (milliseconds)")
    for row in rows:
        print("  ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)))
    for s in summaries:
        kinds = ", ".join(
            f"{kind} {s['backend_p50_ms_by_kind'][kind]:.1f}/{value:.1f}"
            for kind, value in s["backend_p95_ms_by_kind"].items()
        )
        where = f"{s.get('database', 'SQLite')}, {s['services']:,} services"
        print(f"\n{where}, backend p50/p95 by kind of search (ms): {kinds}")
        slowest = "; ".join(f"{d} {ms:.0f}" for d, ms in s["backend_slowest_searches_p50_ms"].items())
        print(f"{s['services']:,} services, slowest searches (backend p50, ms): {slowest}")
        if not s["http_measured"]:
            print(f"{s['services']:,}: no /api/search route: HTTP not measured")
        if not s["oruk_measured"]:
            print(f"{s['services']:,}: no /api/oruk route: ORUK not measured")
        for problem in s["disagreements"][:5]:
            print(f"{s['services']:,}: DISAGREES WITH THE BACKEND: {problem}")
        if args.explain:
            for plan in s.get("slowest_plans", []):
                print(
                    f"\n{where}: {plan['search']}: slowest of {plan['statements']} statements "
                    f"{plan['slowest_statement_ms']} ms\n{plan['sql']}\n{plan['plan']}"
                )


def write_results(summaries, searches, info, args):
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS_DIR / f"{stamp}.json"
    document = {
        "generated_at": stamp,
        "machine": info,
        "seed": args.seed,
        "runs": args.runs,
        "warmup": args.warmup,
        "naive_budget_seconds": args.naive_budget,
        "mix": [search.describe() for search in searches],
        "sizes": summaries,
    }
    out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nWrote {out}")


def _run_sizes(databases, sizes, args):
    summaries, searches = [], []
    for size in sizes:
        summary, searches = run_size(size, args, databases)
        summaries.append(summary)
    return summaries, searches


def _postgres_side(args):
    """The same sizes timed on PostgreSQL in a second process; its summaries, or [] with a line saying why."""
    out = Path(tempfile.mkstemp(prefix="earlyhelp-bench-postgres-", suffix=".json")[1])
    command = [sys.executable, "-m", "bench.run", "--sizes", args.sizes, "--runs", str(args.runs)]
    command += ["--warmup", str(args.warmup), "--naive-budget", str(args.naive_budget), "--seed", str(args.seed)]
    command += ["--postgres-only", str(out)] + (["--keep"] if args.keep else [])
    environment = {**os.environ, "DATABASE_URL": args.postgres}
    try:
        if subprocess.run(command, env=environment, check=False).returncode != 0:
            print("PostgreSQL: the timing run failed (see above); SQLite figures only.", flush=True)
            return []
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def main(argv=None):
    args = parse_args(argv)
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.test")
    if args.postgres_only:
        # The second process: DATABASE_URL is the PostgreSQL server; each size gets its own database on it.
        import django

        django.setup()
        from bench.databases import PostgresDatabases

        summaries, _ = _run_sizes(PostgresDatabases(), sizes, args)
        Path(args.postgres_only).write_text(json.dumps(summaries), encoding="utf-8")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="earlyhelp-bench-"))
    # Read once by the settings; each size then swaps the file under the same connection settings.
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'template.sqlite3'}"
    import django

    django.setup()
    from bench.databases import SqliteDatabases

    info = machine()
    try:
        summaries, searches = _run_sizes(SqliteDatabases(workdir), sizes, args)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.postgres:
        summaries += _postgres_side(args)
    print_table(summaries, info, args)
    if not args.no_write:
        write_results(summaries, searches, info, args)
    if args.keep:
        print(f"Databases kept in {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""make load: 50 concurrent users for 60 s against gunicorn on 127.0.0.1, over 10k real service pages.

The database (var/load.sqlite3) is built once: the West Sussex profile, 10,000 published services at
real West Sussex postcodes, and the search index. Then gunicorn runs the production settings and wrk
(Debian's package) replays a mix of home, search and service pages. Prints requests/s, p95 and errors.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "load.sqlite3"
RESULTS = ROOT / "bench" / "results"
PORT = 8765
WEST_SUSSEX_LADS = ("E07000223", "E07000224", "E07000225", "E07000226", "E07000227", "E07000228", "E07000229")
TOWNS = ["Worthing", "Crawley", "Horsham", "Chichester", "Bognor Regis", "Littlehampton", "Burgess Hill", "Findon"]
WORDS = ["parenting", "autism", "food bank", "emotional wellbeing", "youth club", "SEND", "young carers", "debt"]

ENV = {
    "DJANGO_SETTINGS_MODULE": "earlyhelp.settings.production",
    "SECRET_KEY": "load-test-only-secret-key-not-for-any-real-deployment-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": f"sqlite:///{DATABASE}",
    "DEMO_MODE": "true",
    # wrk is one client at 127.0.0.1: measure the site, not the rate limiter (sitewide/ratelimit.py).
    "RATELIMIT_EXEMPT_IPS": "127.0.0.1",
}


def build_database(services):
    """Create the load database once: 10k published services as real Wagtail pages, then index them."""
    import django

    os.environ.update(ENV)
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from directory.area_profiles import load_area
    from directory.models import DirectoryIndexPage, Location, OrganisationPage, ServicePage
    from directory.vocabularies import AgeBandTag, NeedLevelTag, OutcomeTag

    call_command("migrate", verbosity=0)
    load_area("west-sussex")
    geo = sqlite3.connect(ROOT / "var" / "geo.sqlite3")
    postcodes = geo.execute(
        f"SELECT pc FROM postcode WHERE lat IS NOT NULL AND lad IN ({','.join('?' * len(WEST_SUSSEX_LADS))})",  # noqa: S608
        WEST_SUSSEX_LADS,
    ).fetchall()
    rng = random.Random(7)
    outcomes, needs, bands = (
        list(OutcomeTag.objects.all()),
        list(NeedLevelTag.objects.all()),
        list(AgeBandTag.objects.all()),
    )
    index = DirectoryIndexPage.objects.get()
    start = time.perf_counter()
    with transaction.atomic():
        organisations = [
            index.add_child(instance=OrganisationPage(title=f"Load test provider {n}", slug=f"load-provider-{n}"))
            for n in range(100)
        ]
        for n in range(services):
            postcode = rng.choice(postcodes)[0]
            service = ServicePage(
                title=f"{rng.choice(WORDS).capitalize()} service {n}",
                slug=f"load-service-{n}",
                summary=f"Fictional {rng.choice(WORDS)} support for families, number {n}.",
                description=f"<p>{' '.join(rng.choices(WORDS, k=20))}</p>",
                cost=rng.choice(["free", "free", "low_cost", "paid"]),
                self_referral=rng.random() < 0.6,
                min_age=rng.choice([None, 0, 5, 11]),
                max_age=rng.choice([None, 11, 16, 19, 25]),
            )
            service.locations = [Location(name=f"Venue {n}", postcode=postcode)]
            service.outcomes.set(rng.sample(outcomes, 2))
            service.need_levels.set(rng.sample(needs, 1))
            service.age_bands.set(rng.sample(bands, 2))
            organisations[n % len(organisations)].add_child(instance=service)
            if n % 1000 == 999:
                print(f"  {n + 1} services ({time.perf_counter() - start:.0f} s)", flush=True)
    print(f"Indexed: {call_command('rebuild_search_index')}", flush=True)


def service_paths(limit=2000):
    connection = sqlite3.connect(DATABASE)
    rows = connection.execute("SELECT url FROM search_servicelocationrow LIMIT ?", (limit,)).fetchall()
    return sorted({row[0] for row in rows})


def request_mix(rng, paths, count=3000):
    """A realistic mix: 20% home, 50% searches (postcode, town, text, filters), 30% service pages."""
    postcodes = ["BN11 1HS", "RH10 1FP", "PO19 1RQ", "RH12 1RL", "BN17 5LF", "RH15 9AJ", "BN43 5FG"]
    mix = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.2:
            mix.append("/")
        elif roll < 0.7:
            place = rng.choice(postcodes + TOWNS).replace(" ", "+")
            query = f"/search/?postcode={place}"
            if rng.random() < 0.5:
                query += "&q=" + rng.choice(WORDS).replace(" ", "+")
            if rng.random() < 0.4:
                query += "&free=1&need_level=level-2"
            if rng.random() < 0.2:
                query += "&page=2"
            mix.append(query)
        else:
            mix.append(rng.choice(paths))
    return mix


WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  return wrk.format("GET", path, {["Host"] = "127.0.0.1", ["X-Forwarded-Proto"] = "https"})
end
local bad = 0
response = function(status, headers, body)
  if status >= 400 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("P95_MS %%.1f\\n", latency:percentile(95) / 1000))
  io.write(string.format("P50_MS %%.1f\\n", latency:percentile(50) / 1000))
end
"""


def wait_for_port(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not start on port {port}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--services", type=int, default=10000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk (Debian's package).")
    if not DATABASE.exists():
        print(f"Building {DATABASE} with {args.services} services (once)...", flush=True)
        build_database(args.services)

    rng = random.Random(42)
    paths = service_paths()
    workdir = Path(tempfile.mkdtemp(prefix="earlyhelp-load-"))
    (workdir / "paths.txt").write_text("\n".join(request_mix(rng, paths)) + "\n")
    (workdir / "mix.lua").write_text(WRK_SCRIPT % {"paths": workdir / "paths.txt"})

    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):  # a database built before the cache
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env={**os.environ, **ENV}, check=True)
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "site/gunicorn.conf.py", "earlyhelp.wsgi"],
        cwd=ROOT,
        env={
            **os.environ,
            **ENV,
            "BIND": f"127.0.0.1:{PORT}",
            "WEB_CONCURRENCY": str(args.workers),
            "GUNICORN_THREADS": "1",
        },
    )
    try:
        wait_for_port(PORT)
        for path in ("/", "/search/?postcode=Worthing"):  # warm each worker's caches a little
            subprocess.run(
                ["wrk", "-t1", "-c4", "-d3s", "-H", "X-Forwarded-Proto: https", f"http://127.0.0.1:{PORT}{path}"],
                capture_output=True,
                check=False,
            )
        threads = min(4, args.users)
        run = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{args.users}",
                f"-d{args.seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(workdir / "mix.lua"),
                f"http://127.0.0.1:{PORT}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    output = run.stdout
    print(output)
    requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0
    socket_errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    figures = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "services": args.services,
        "users": args.users,
        "seconds": args.seconds,
        "gunicorn_workers": args.workers,
        "requests": total,
        "requests_per_second": requests_per_second,
        "p50_ms": float(re.search(r"P50_MS ([\d.]+)", output).group(1)),
        "p95_ms": float(re.search(r"P95_MS ([\d.]+)", output).group(1)),
        "errors": non_2xx + socket_errors,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"load-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json").write_text(json.dumps(figures, indent=2))
    print(
        f"{figures['requests_per_second']:.1f} requests/s, p50 {figures['p50_ms']:.0f} ms, "
        f"p95 {figures['p95_ms']:.0f} ms, {figures['errors']} errors over {total} requests"
    )
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

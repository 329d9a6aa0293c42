"""Place autocomplete speed: GET /api/suggest/places over 200 prefixes, p50 and p95 in milliseconds.

    python -m bench.suggest_places [--repeat 3]

The answer reads the geodata file and the gazetteer in memory, never the services, so the number of
services does not change it. Each prefix is asked through the view (a Django request, JSON out); the
first call, which reads the gazetteer into memory, is made before timing.
"""

import argparse
import json
import os
import sys


def prefixes(geocoder, count=200):
    """Prefixes people type: 1 to 5 letters of the area's and the country's towns, and partial postcodes."""
    from directory.geo import site_area

    lads = set(site_area()[0])
    gazetteer = geocoder.gazetteer()
    places = [places[0] for places in gazetteer.by_key.values()]
    own = sorted((p for p in places if p.lad in lads), key=lambda p: -p.size)
    others = sorted((p for p in places if p.lad not in lads), key=lambda p: -p.size)
    typed = []
    for place in own[:25] + others[:15]:
        typed += [place.name[:length] for length in (1, 2, 3, 4, 5)]
    typed += ["BN", "BN1", "BN11", "BN11 1", "RH10", "RH1", "PO2", "PO21 1", "GU29", "RH12 2"]
    typed += ["Chichster", "中文", "x" * 500, "", "  ", "Worthing BN11", "'; drop table", "Sh", "Hay", "Bog"]
    unique = list(dict.fromkeys(typed))
    return (unique * 2)[:count]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="times round the 200 prefixes")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.test")
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.test import RequestFactory
    from django.urls import reverse

    from bench.run import percentile, timed
    from directory.geo import default_geocoder
    from search.suggest_places import suggest_places

    factory = RequestFactory()
    path = reverse("suggest_places")
    typed = prefixes(default_geocoder())
    suggest_places(factory.get(path, {"q": "Wor"}))  # reads the gazetteer into memory
    times = []
    for _round in range(args.repeat):
        for text in typed:
            elapsed, response = timed(suggest_places, factory.get(path, {"q": text}))
            if response.status_code != 200:
                raise SystemExit(f"suggest_places answered {response.status_code} to {text!r}")
            times.append(elapsed)
    figures = {
        "requests": len(times),
        "prefixes": len(typed),
        "p50_ms": round(percentile(times, 0.5), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "max_ms": round(max(times), 2),
    }
    print(
        f"suggest_places: {figures['requests']} requests over {figures['prefixes']} prefixes: "
        f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)
    return figures


if __name__ == "__main__":
    main()

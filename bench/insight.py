"""`make bench-insight`: time every insight page at 100,000 live services and a year of searches at 1,000 a day.

    DJANGO_SETTINGS_MODULE=earlyhelp.settings.test python -m bench.insight --services 100000 --days 365

The data is generated into a fresh temporary SQLite database. Making 100,000 Wagtail pages one by one
(`add_child`, revisions, signals) would take hours, so the tables the insight pages read are
bulk-inserted directly: `wagtailcore_page` rows with computed tree paths (Page.bulk_create), the
OrganisationPage / ServicePage child rows (the manager's own `_insert`, as `save()` does), locations,
opening times, the vocabulary and topic tag rows, districts served, the derived districts, the search
log and the public's reports. Those rows bypass the signals that keep the insight pages' counted services
and searches, so these are then rebuilt (`manage.py rebuild_insight`, as after a restore), and the rebuild
is timed. The services come from bench/synthetic.py (the search benchmark's generator): 65% in West
Sussex, the rest nearby or anywhere, some outreach-only. Each page is then fetched through Django's test
client as a logged-in superuser: once cold (cache cleared: every figure counted afresh from the counted
rows) and `--runs` times warm (the figures kept for a few minutes by insight.cache).
"""

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

AREA = "west-sussex"
BATCH = 400
ZERO_RESULT_WORDS = ["portage", "forest school", "dyspraxia support", "baby sign", "sibling support", "tongue tie"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=365, help="days of search log")
    parser.add_argument("--per-day", type=int, default=1000, help="searches a day")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--keep", action="store_true", help="keep the database and say where")
    parser.add_argument("--database", help="time the pages on a database kept by an earlier --keep run")
    return parser.parse_args(argv)


def _pages(specs, model):
    """Live page rows for (parent page, step, title, slug) specs, with tree paths computed as treebeard would."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Locale, Page

    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    pages = [
        Page(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=Page._get_path(parent.path, parent.depth + 1, step),
            depth=parent.depth + 1,
            numchild=0,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            locale=locale,
            translation_key=uuid.uuid4(),
        )
        for parent, step, title, slug in specs
    ]
    for batch in range(0, len(pages), BATCH):
        Page.objects.bulk_create(pages[batch : batch + BATCH])
    children = {}
    for parent, step, _, _ in specs:
        children[parent.pk] = max(children.get(parent.pk, 0), step)
    Page.objects.bulk_update([Page(pk=pk, numchild=n) for pk, n in children.items()], ["numchild"], batch_size=500)
    by_path = dict(Page.objects.filter(depth=pages[0].depth).values_list("path", "pk")) if pages else {}
    for page in pages:
        page.pk = page.id = by_path[page.path]
    return [(page.pk, page) for page in pages]


def _insert_children(model, objects):
    """The child-table rows of multi-table pages (bulk_create refuses those), as save() inserts them."""
    fields = model._meta.local_concrete_fields
    for batch in range(0, len(objects), BATCH):
        model._base_manager._insert(objects[batch : batch + BATCH], fields=fields)


def load(services, days, per_day, seed):
    """Generate the offer and the search log; returns counts of what was made."""
    from django.conf import settings
    from django.db import transaction
    from taggit.models import Tag

    from bench.synthetic import TOPICS, ServiceMaker
    from directory.factories import directory_index
    from directory.models import Location, OrganisationPage, Schedule, ServicePage
    from directory.vocabularies import (
        AgeBandTag,
        DistrictTag,
        NeedLevelTag,
        OutcomeTag,
        ServiceAgeBand,
        ServiceDistrict,
        ServiceNeedLevel,
        ServiceOutcome,
        ServiceTopic,
    )

    rng = random.Random(seed)
    maker = ServiceMaker(AREA, settings.GEODATA_PATH, seed)
    documents = [maker.document(i) for i in range(1, services + 1)]
    today = dt.date.today()
    with transaction.atomic():
        index = directory_index()
        organisation_names = sorted({doc["organisation"] for doc in documents})
        org_rows = _pages(
            [(index, i + 1, name, f"org-{i}") for i, name in enumerate(organisation_names)], OrganisationPage
        )
        org_page = dict(zip(organisation_names, [page for _, page in org_rows], strict=True))
        _insert_children(
            OrganisationPage,
            [OrganisationPage(page_ptr_id=pk, summary="", oruk_id=uuid.uuid4()) for pk, _ in org_rows],
        )
        by_org = {}
        for doc in documents:
            by_org.setdefault(doc["organisation"], []).append(doc)
        specs, spec_docs = [], []
        for name, docs in by_org.items():
            for step, doc in enumerate(docs, start=1):
                specs.append((org_page[name], step, doc["name"], f"service-{doc['id']}"))
                spec_docs.append(doc)
        rows = _pages(specs, ServicePage)
        service_rows = [(pk, doc) for (pk, _), doc in zip(rows, spec_docs, strict=True)]
        district_pk = dict(DistrictTag.objects.values_list("code", "pk"))
        vocab_pk = {
            "outcomes": dict(OutcomeTag.objects.values_list("code", "pk")),
            "need_levels": dict(NeedLevelTag.objects.values_list("code", "pk")),
            "age_bands": dict(AgeBandTag.objects.values_list("code", "pk")),
        }
        Tag.objects.bulk_create([Tag(name=topic, slug=topic.replace(" ", "-")) for topic, _ in TOPICS])
        topic_pk = dict(Tag.objects.values_list("name", "pk"))
        pages, locations, openings, through, served_rows = [], [], [], {}, []
        served_model = ServicePage.districts_served.through
        for pk, doc in service_rows:
            delivery = set(doc["delivery"])
            pages.append(
                ServicePage(
                    page_ptr_id=pk,
                    summary=doc["summary"],
                    cost=doc["cost"],
                    self_referral=doc["self_referral"],
                    in_person="in_person" in delivery,
                    home_visits="home_visits" in delivery,
                    online="online" in delivery,
                    by_phone="phone" in delivery,
                    languages="English",
                    phone="01903 000000" if rng.random() < 0.8 else "",
                    email="hello@example.org" if rng.random() < 0.4 else "",
                    min_age=doc["min_age"],
                    max_age=doc["max_age"],
                    opening_times_note="" if rng.random() < 0.7 else "Term time",
                    last_reviewed=today - dt.timedelta(days=rng.randint(0, 730)),
                    review_interval_months=6,
                    oruk_id=uuid.uuid4(),
                )
            )
            for order, loc in enumerate(doc["locations"]):
                locations.append(
                    Location(
                        service_id=pk,
                        sort_order=order,
                        name=loc["name"],
                        town=loc["town"],
                        postcode="",
                        latitude=loc["latitude"],
                        longitude=loc["longitude"],
                        district_id=district_pk.get(loc["district"]),
                        lad_code=loc["district"] or "",
                    )
                )
            if rng.random() < 0.6:
                openings += [
                    Schedule(
                        service_id=pk,
                        sort_order=0,
                        freq="WEEKLY",
                        byday=("MO", "TU", "WE", "TH", "FR")[rng.randrange(5)],
                        opens_at=dt.time(9),
                        closes_at=dt.time(15),
                    )
                ]
            for field, model in (
                ("outcomes", ServiceOutcome),
                ("need_levels", ServiceNeedLevel),
                ("age_bands", ServiceAgeBand),
            ):
                through.setdefault(model, []).extend(
                    model(tag_id=vocab_pk[field][code], content_object_id=pk) for code in doc[field]
                )
            through.setdefault(ServiceDistrict, []).extend(
                ServiceDistrict(tag_id=district_pk[code], content_object_id=pk)
                for code in doc["districts"]
                if code in district_pk
            )
            through.setdefault(ServiceTopic, []).extend(
                ServiceTopic(tag_id=topic_pk[topic], content_object_id=pk) for topic in set(doc["topics"])
            )
            served_rows += [
                served_model(servicepage_id=pk, districttag_id=district_pk[code])
                for code in doc["served_districts"]
                if code in district_pk
            ]
        _insert_children(ServicePage, pages)
        Location.objects.bulk_create(locations, batch_size=BATCH)
        Schedule.objects.bulk_create(openings, batch_size=BATCH)
        for model, rows in through.items():
            model.objects.bulk_create(rows, batch_size=2000)
        served_model.objects.bulk_create(served_rows, batch_size=2000)

        _searches_and_reports(rng, list(district_pk), [pk for pk, _ in service_rows], days, per_day)
    return {
        "organisations": len(organisation_names),
        "services": len(service_rows),
        "locations": len(locations),
        "searches": days * per_day,
    }


def _searches_and_reports(rng, codes, service_ids, days, per_day):
    """A year of searches (topic words, sometimes a synonym, some finding nothing) and the public's reports."""
    from bench.synthetic import TOPICS
    from search.models import SearchLogEntry
    from signposting.models import ListingReport

    # A year of searches: topic words (sometimes a synonym), some finding nothing, most from a district.
    searched_at = SearchLogEntry._meta.get_field("searched_at")
    searched_at.auto_now_add = False  # keep the generated times
    words = [topic for topic, _ in TOPICS] + ["food parcel", "asd", "camhs", "sen"]
    weights = [weight for _, weight in TOPICS] + [2, 2, 2, 2]
    now = dt.datetime.now(dt.UTC)
    entries = []
    for day in range(days):
        for _ in range(per_day):
            zero = rng.random() < 0.08
            text = rng.choice(ZERO_RESULT_WORDS) if zero else rng.choices(words, weights)[0]
            entries.append(
                SearchLogEntry(
                    searched_at=now - dt.timedelta(days=day, seconds=rng.randrange(86400)),
                    text=text if rng.random() < 0.85 else "",
                    district_code=rng.choice(codes) if rng.random() < 0.7 else "",
                    filters={},
                    result_count=0 if zero else rng.randint(1, 400),
                )
            )
        if len(entries) >= 20000:
            SearchLogEntry.objects.bulk_create(entries, batch_size=2000)
            entries = []
    SearchLogEntry.objects.bulk_create(entries, batch_size=2000)
    searched_at.auto_now_add = True
    reports = []
    for i in range(3000):
        created = now - dt.timedelta(days=rng.randrange(days))
        resolved = rng.random() < 0.7
        reports.append(
            ListingReport(
                service_id=service_ids[i * 7 % len(service_ids)],
                reason="other",
                created_at=created,
                status="resolved" if resolved else "open",
                resolved_at=created + dt.timedelta(days=rng.randint(0, 40)) if resolved else None,
            )
        )
    ListingReport.objects.bulk_create(reports, batch_size=1000)


PAGES = [
    ("coverage by outcome", "/admin/insight/"),
    ("coverage by need level", "/admin/insight/?across=need_level"),
    (
        "coverage by age band, free, online, topic",
        "/admin/insight/?across=age_band&cost=free&delivery=online&topic=autism",
    ),
    ("one cell's services", "/admin/insight/cell/?district=E07000229&term=ws-best-start&reach=reaching"),
    ("searches, last 90 days", "/admin/insight/searches/"),
    ("searches, a whole year", "/admin/insight/searches/?start={year_ago}&end={today}"),
    ("freshness and quality", "/admin/insight/quality/"),
    ("download coverage (xlsx)", "/admin/insight/?download=coverage&format=xlsx"),
    (
        "download unmet searches (csv), a year",
        "/admin/insight/searches/?start={year_ago}&end={today}&download=searches-that-found-nothing",
    ),
]


def time_pages(runs):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    user = get_user_model().objects.filter(username="bench").first() or get_user_model().objects.create_superuser(
        "bench", "bench@example.org", "bench"
    )
    client = Client()
    client.force_login(user)
    today = dt.date.today()
    results = []
    for label, url in PAGES:
        url = url.format(today=today.isoformat(), year_ago=(today - dt.timedelta(days=364)).isoformat())
        cache.clear()  # the first fetch counts afresh (cold); the others may use the figures kept (warm)
        timings = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
        results.append((label, timings[0], statistics.median(timings[1:]), max(timings[1:])))
    return results


def main(argv=None):
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "earlyhelp.settings.test")
    workdir = Path(tempfile.mkdtemp(prefix="earlyhelp-bench-insight-"))
    database = Path(args.database) if args.database else workdir / "insight.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from bench.databases import use_database
    from directory.area_profiles import load_area

    settings.ALLOWED_HOSTS = ["*"]
    try:
        use_database(database)
        if not args.database:
            call_command("migrate", verbosity=0, interactive=False)
            load_area(AREA)
            started = time.perf_counter()
            made = load(args.services, args.days, args.per_day, args.seed)
            print(f"Generated {made} in {time.perf_counter() - started:.0f} s")
            # The rows were bulk-inserted, past the publish signals and the search log's saves that keep the
            # insight pages' counted services and searches: count them as after a restore (rebuild_insight).
            from insight.counted import rebuild

            started = time.perf_counter()
            counted = rebuild()
            print(
                f"Counted {counted} for the insight pages (manage.py rebuild_insight) in "
                f"{time.perf_counter() - started:.0f} s"
            )
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        results = time_pages(args.runs)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"{'page':45} {'cold ms':>10} {'warm median':>12} {'warm worst':>11}")
    for label, cold, median, worst in results:
        print(f"{label:45} {cold:10.0f} {median:12.0f} {worst:11.0f}")
    if args.keep:
        print(f"Database kept in {workdir}")
    return 0 if all(worst < 1000 for label, _, _, worst in results if not label.startswith("download")) else 1


if __name__ == "__main__":
    sys.exit(main())

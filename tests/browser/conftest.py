"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server, and axe-core.

A missing /usr/bin/chromium (or unbuilt frontend assets) skips these tests, unless "browser" is in
settings.EARLYHELP_REQUIRE (CI), where it fails them. The live server serves static files through
the staticfiles finders (pytest-django's StaticFilesHandler), straight from frontend/dist.
"""

import importlib
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page, Site

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import Location
from directory.providers.access import ensure_directory_team, give_provider_access
from directory.vocabularies import NeedLevelTag
from home.models import HomePage
from search import indexing

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
FRONTEND_DIST = ROOT / "frontend" / "dist"
AXE_SCRIPT = FRONTEND_DIST / "vendor" / "axe" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"


def _unavailable(reason):
    """Skip locally; fail where the environment promised a browser (CI sets EARLYHELP_REQUIRE=...,browser)."""
    if "browser" in settings.EARLYHELP_REQUIRE:
        pytest.fail(f"{reason} (required: 'browser' is in EARLYHELP_REQUIRE)", pytrace=False)
    pytest.skip(reason)


def _axe_source():
    if AXE_SCRIPT.exists():
        return AXE_SCRIPT.read_text(encoding="utf-8")
    # `npm ci --omit=dev` leaves axe-core out of frontend/dist; axe-playwright-python bundles a copy.
    try:
        import axe_playwright_python

        bundled = Path(axe_playwright_python.__file__).parent / "axe.min.js"
        return bundled.read_text(encoding="utf-8")
    except (ImportError, OSError):
        _unavailable(f"axe-core not found at {AXE_SCRIPT}: run `node frontend/build.mjs` after `npm ci`")


# Playwright's sync API keeps an event loop in this thread, and Django refuses database calls there.
# Allowed from the setup of each browser test to the end of its teardown (the database flush), and
# for these tests only, so the variable never reaches other tests or the subprocesses they start.
@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    os.environ[ASYNC_UNSAFE] = "true"
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    os.environ.pop(ASYNC_UNSAFE, None)


# Module scope: Playwright's event loop must not outlive these tests (later database tests would hit it).
@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: install Debian's chromium package")
    if not (FRONTEND_DIST / "vendor" / "govuk" / "govuk-frontend.min.css").exists():
        _unavailable(f"frontend assets are not built in {FRONTEND_DIST}: run `make setup`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_source(browser):
    return _axe_source()


def _new_page(browser, live_server, javascript):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=javascript, viewport={"width": 1024, "height": 900}
    )
    # Nothing may leave the machine: the quick exit's neutral site is answered here, not fetched.
    context.route(
        lambda url: not url.startswith(live_server.url),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"),
    )
    # Wagtail's editor releases its editing session as the page unloads, which is when the test ends: reaching
    # the live server then, it raced the database flush ("database table is locked"). Answered here instead.
    context.route(
        f"{live_server.url}/admin/editing-sessions/release/**",
        lambda route: route.fulfill(status=200, content_type="application/json", body="{}"),
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    context, page = _new_page(browser, live_server, javascript=True)
    yield page
    page.goto("about:blank")  # the page's unload requests are made now, while the test's data is still there
    context.close()


@pytest.fixture
def page_without_javascript(browser, live_server):
    context, page = _new_page(browser, live_server, javascript=False)
    yield page
    context.close()


@pytest.fixture
def axe(axe_source):
    """Run axe-core on the page for WCAG 2.2 AA and return its violations (an empty list is a pass)."""

    def run(page):
        # evaluate() runs outside the page's Content-Security-Policy, which forbids injected scripts.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate(AXE_RUN, WCAG_22_AA)
        return [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
        ]

    return run


def describe(violations):
    return json.dumps(violations, indent=2)


def ensure_page_tree():
    """Wagtail's root page, locale, home page and default site, which each transactional test's flush removes.

    serialized_rollback cannot restore them here: inside Playwright's sync API Django hands this thread a
    different connection object, one without the contents serialized when the test database was made.
    """
    locale = Locale.objects.first() or Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    # The factories hang services off the default site's home page (home's migration made the first one).
    if not Site.objects.filter(is_default_site=True).exists():
        home = root.add_child(instance=HomePage(title="Find family support", slug="home", locale=locale))
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name="Early help directory"
        )


@pytest.fixture
def directory(transactional_db):
    """West Sussex vocabularies and five published, indexed services in Worthing (one not about parenting)."""
    ensure_page_tree()
    load_area("west-sussex")
    organisation = OrganisationPageFactory(title="Sunflower Family Trust")
    services = []
    for number, title in enumerate(
        ["Little Steps Parenting Group", "Dads Parenting Club", "Parenting Teenagers Workshop", "Bumps and Babies"],
        start=1,
    ):
        services.append(
            ServicePageFactory(
                parent=organisation,
                title=title,
                summary="Parenting support for families in Worthing.",
                phone=f"01903 00000{number}",
                website="https://example.org/",
                self_referral=True,
                locations=[Location(name="Worthing Library", town="Worthing", postcode="BN11 1HS")],
                min_age=0,
                max_age=18,
                tags={"topics": ["parenting"], "need_levels": [NeedLevelTag.objects.get(code="level-2")]},
            )
        )
    services.append(
        ServicePageFactory(
            parent=organisation,
            title="Food Bank Worthing",
            summary="Emergency food parcels.",
            phone="01903 000009",
            locations=[Location(name="Worthing Library", town="Worthing", postcode="BN11 1HS")],
        )
    )
    for service in services:
        indexing.update_service(service)
    return services


PASSWORD = "not-a-real-password-42"
SCREEN_WIDTHS = (1280, 390)
SHOTS = Path(tempfile.gettempdir()) / "shots"


@pytest.fixture
def people(directory):
    """Alice looks after Sunflower Family Trust (the directory's services); Mo is on the directory team."""
    team = ensure_directory_team()
    organisation = directory[0].get_parent().specific
    users = get_user_model().objects
    alice = users.create_user("alice", "alice@example.org", PASSWORD, first_name="Alice", last_name="Ash")
    give_provider_access(alice, organisation)
    mo = users.create_user("mo", "mo@example.org", PASSWORD, first_name="Mo", last_name="Moss")
    mo.groups.add(team)
    return {"alice": alice, "mo": mo, "services": directory, "organisation": organisation}


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def shoot(page, folder, name):
    """Save the whole page at each screen width under /tmp/shots/<folder>/ for a person to look at."""
    (SHOTS / folder).mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    for each in SCREEN_WIDTHS:
        page.set_viewport_size({"width": each, "height": 900})
        page.screenshot(path=str(SHOTS / folder / f"{name}-{each}.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


@pytest.fixture
def information_pages(directory):
    """The accessibility statement and "Browsing safely" (with its translations) as home's migrations make them
    (the flush removed them)."""
    from django.apps import apps

    importlib.import_module("home.migrations.0004_create_information_pages").create_information_pages(apps, None)
    importlib.import_module("home.migrations.0006_translate_browsing_safely").translate_browsing_safely(apps, None)

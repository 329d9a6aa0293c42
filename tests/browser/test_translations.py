"""A provider translates a service in Chromium, the directory team approves, and a Polish reader sees it.

Screens are saved at 1280 and 390 px wide under /tmp/shots/translations/ for a person to look at.
"""

import re
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from directory.providers.access import ensure_directory_team, give_provider_access
from directory.translations import ServiceTranslationPage

SHOTS = Path(tempfile.gettempdir()) / "shots" / "translations"
PASSWORD = "not-a-real-password-42"
WIDTHS = (1280, 390)
POLISH_TITLE = "Grupa dla rodziców Małe Kroki"
POLISH_SUMMARY = "Wsparcie dla rodziców w Worthing."


@pytest.fixture
def people(directory):
    team = ensure_directory_team()
    organisation = directory[0].get_parent().specific
    users = get_user_model().objects
    alice = users.create_user("alice", "alice@example.org", PASSWORD, first_name="Alice", last_name="Ash")
    give_provider_access(alice, organisation)
    mo = users.create_user("mo", "mo@example.org", PASSWORD, first_name="Mo", last_name="Moss")
    mo.groups.add(team)
    return {"services": directory}


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    for each in WIDTHS:
        page.set_viewport_size({"width": each, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{each}.png"), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def test_a_provider_translates_a_service_and_a_polish_reader_sees_it(page, people):
    service = people["services"][0]
    path = service.url

    # The provider finds "Translate" on their service and writes the Polish words over the English ones.
    sign_in(page, "alice")
    page.goto(f"/admin/pages/{service.pk}/edit/")
    # Wagtail keeps a page's header actions behind its "Actions" menu (the dots beside the title).
    page.get_by_role("button", name="Actions").first.click()
    translate = page.get_by_role("link", name="Translate")
    expect(translate).to_be_visible()
    shoot(page, "editor-with-translate")
    translate.click()
    expect(page.locator("#id_language")).to_be_visible()
    # The English stands beside each field to translate from; the fields start empty.
    expect(page.locator("main")).to_contain_text(f"In English: {service.title}")
    expect(page.locator("#id_title")).to_have_value("")
    page.locator("#id_language").select_option("pl")
    page.locator("#id_title").fill(POLISH_TITLE)
    page.locator("#id_summary").fill(POLISH_SUMMARY)
    shoot(page, "translation-editor")
    page.locator("footer").get_by_role("button", name="Submit for checking").click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    page.context.clear_cookies()

    # Until the directory team approves, a Polish reader sees the English words and a notice.
    page.goto(f"/pl{path}")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    expect(page.locator(".eh-untranslated-notice")).to_be_visible()

    # The team approves the translation from its queue.
    sign_in(page, "mo")
    queue = page.locator("#changes-to-check-section")
    expect(queue).to_contain_text("Sunflower Family Trust")
    queue.get_by_role("link", name=re.compile(POLISH_TITLE)).click()
    expect(page.locator("main")).to_contain_text(POLISH_SUMMARY)
    shoot(page, "review")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messages")).to_contain_text("is now live on the public site")
    page.context.clear_cookies()
    assert ServiceTranslationPage.objects.live().count() == 1

    page.goto(f"/pl{path}")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(POLISH_TITLE)
    expect(heading).to_have_attribute("lang", "pl")
    expect(page.locator(".eh-untranslated-notice")).to_have_count(0)
    shoot(page, "polish-page")

    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(service.title)

    page.goto(f"/ar{path}")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    expect(page.locator(".eh-untranslated-notice")).to_be_visible()
    shoot(page, "arabic-page-untranslated")

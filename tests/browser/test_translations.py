"""A provider translates a service in Chromium, the directory team approves, and a Polish reader sees it.

Screens are saved at 1280 and 390 px wide under /tmp/shots/translations/ for a person to look at.
"""

import re

from playwright.sync_api import expect

from directory.translations import ServiceTranslationPage
from tests.browser.conftest import shoot, sign_in

SHOTS = "translations"
POLISH_TITLE = "Grupa dla rodziców Małe Kroki"
POLISH_SUMMARY = "Wsparcie dla rodziców w Worthing."


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
    shoot(page, SHOTS, "editor-with-translate")
    translate.click()
    expect(page.locator("#id_language")).to_be_visible()
    # The English stands beside each field to translate from; the fields start empty.
    expect(page.locator("main")).to_contain_text(f"In English: {service.title}")
    expect(page.locator("#id_title")).to_have_value("")
    page.locator("#id_language").select_option("pl")
    page.locator("#id_title").fill(POLISH_TITLE)
    page.locator("#id_summary").fill(POLISH_SUMMARY)
    shoot(page, SHOTS, "translation-editor")
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
    shoot(page, SHOTS, "review")
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.locator(".messages")).to_contain_text("is now live on the public site")
    page.context.clear_cookies()
    assert ServiceTranslationPage.objects.live().count() == 1

    page.goto(f"/pl{path}")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(POLISH_TITLE)
    expect(heading).to_have_attribute("lang", "pl")
    expect(page.locator(".eh-untranslated-notice")).to_have_count(0)
    shoot(page, SHOTS, "polish-page")

    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(service.title)

    page.goto(f"/ar{path}")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    expect(page.locator(".eh-untranslated-notice")).to_be_visible()
    shoot(page, SHOTS, "arabic-page-untranslated")

"""In Arabic and Urdu pages numbers keep their order on screen: an age range reads 0–2, a phone number left to right."""

import pytest
from django.utils import translation

from directory.vocabularies import AgeBandTag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The element's characters sorted by where Chromium drew them, left to right: the order a reader sees.
VISUAL_ORDER = """(element) => {
  const drawn = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let index = 0; index < node.data.length; index++) {
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      const box = range.getBoundingClientRect();
      if (box.width > 0) drawn.push([box.left, node.data[index]]);
    }
  }
  return drawn.sort((a, b) => a[0] - b[0]).map((pair) => pair[1]).join("");
}"""


def digits_as_seen(page, locator):
    seen = locator.evaluate(VISUAL_ORDER)
    return "".join(character for character in seen if character.isdigit() or character == "–")


RIGHT_TO_LEFT = ["ar", "ur"]


@pytest.fixture
def age_banded_service(directory, settings):
    # Urdu is Lancashire's, not the test area's: offer it too, so /ur/ pages exist.
    settings.LANGUAGES = [
        *settings.LANGUAGES,
        *[(code, code) for code in RIGHT_TO_LEFT if code not in dict(settings.LANGUAGES)],
    ]
    service = directory[0]
    service.age_bands.set([AgeBandTag.objects.get(code="0-2")])
    service.save()
    service.save_revision().publish()
    return service


# One test for both: each transactional test's flush removes the Wagtail site the next would need.
def test_age_range_and_phone_number_keep_their_order_in_arabic_and_urdu(page, age_banded_service):
    for code in RIGHT_TO_LEFT:
        with translation.override(code):
            url, band_label = age_banded_service.url, translation.gettext("0–2 years")
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("html").get_attribute("dir") == "rtl", code
        band = page.locator("li", has_text=band_label).first
        assert digits_as_seen(page, band) == "0–2", code
        phone = page.locator("a[href^='tel:']", has_text="01903").first
        assert digits_as_seen(page, phone) == "01903000001", code


PHONE = {"width": 390, "height": 844}


def test_arabic_checkboxes_radios_and_pagination_read_right_to_left(page, directory):
    page.set_viewport_size(PHONE)
    page.goto(f"/ar/report-a-problem/{directory[0].pk}/")
    for item in page.locator(".govuk-radios__item").all():
        box = item.locator("label").evaluate("(label) => getComputedStyle(label, '::before').right")
        assert box == "2px", box  # the circle on the reading start, beside its input, not under the words
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.set_viewport_size({"width": 1280, "height": 900})  # a phone shows only the pages beside this one
    page.goto("/ar/search/?page_size=1&postcode=BN11+1HS&radius=50")
    numbers = page.locator(".govuk-pagination__item").all()
    assert len(numbers) >= 2
    # The first page is on the right, as an Arabic reader starts.
    assert numbers[0].bounding_box()["x"] > numbers[1].bounding_box()["x"]


def test_an_english_information_page_in_an_arabic_page_keeps_its_own_indents(page, directory, information_pages):
    page.set_viewport_size(PHONE)
    page.goto("/ar/accessibility/")
    english = page.locator('main [dir="ltr"]').first
    bullet_list = english.locator("ul").first
    assert bullet_list.evaluate("(list) => getComputedStyle(list).paddingLeft") == "20px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_wide_arabic_page_the_open_filters_have_no_rule_beside_them(page, directory):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/ar/search/?postcode=BN11+1HS")
    panel = page.locator(".eh-filters-toggle__panel")
    # As in English: an open panel, not the closed control's text with its grey rule on the reading side.
    assert panel.evaluate("(node) => getComputedStyle(node).borderRightWidth") == "0px"


def test_arabic_footer_credits_keep_each_latin_name_and_licence_whole(page, directory):
    # Each isolated, so "(CC BY 4.0)" keeps its brackets around it and a link is not split by the licence.
    page.goto("/ar/search/")
    sources = page.locator(".eh-footer__sources")
    for name in ("GeoNames", "CC BY 4.0", "Open Referral UK", "CC BY-SA 4.0"):
        assert sources.locator("bdi", has_text=name).count() == 1, name


def test_an_arabic_result_card_keeps_the_places_comma_after_its_name(page, directory):
    # "Worthing Library, BN11 1HS" is one English run: its comma stays after "Library", not before it on the left.
    page.goto("/ar/search/?postcode=BN11+1HS")
    place = page.locator(".eh-result__place").first
    seen = place.evaluate(VISUAL_ORDER)
    assert "Library," in seen or "Library ," in seen, seen
    assert ",Worthing" not in seen.replace(" ", "")

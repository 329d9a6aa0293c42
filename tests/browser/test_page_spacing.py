"""The layout of pages at desktop and phone widths: headings close under breadcrumbs, posters readable on a phone."""

import pytest


@pytest.mark.parametrize("path", ["service", "/services/"])
def test_the_heading_sits_close_under_the_breadcrumbs(page, directory, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(directory[0].url if path == "service" else path)
    crumbs = page.locator(".govuk-breadcrumbs").bounding_box()
    first = page.locator("main .govuk-caption-l, main h1").first.bounding_box()
    exit_button = page.locator(".govuk-exit-this-page").bounding_box()
    # The exit button floats beside the breadcrumbs: the row is no taller than the button and a little room.
    assert crumbs["height"] <= exit_button["height"] + 20
    assert first["y"] - (crumbs["y"] + crumbs["height"]) <= 30


def test_a_poster_on_a_phone_puts_the_code_under_the_contact_details(page, directory):
    service = directory[0]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/poster/service/{service.pk}/")
    contact = page.locator(".eh-poster__contact").bounding_box()
    code = page.locator(".eh-poster__qr").bounding_box()
    # The details have the width of the page, not a column beside the code a word wide.
    assert contact["width"] >= 300
    assert code["y"] >= contact["y"] + contact["height"]

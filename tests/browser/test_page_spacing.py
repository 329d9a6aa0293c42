"""The top of a page at desktop width: the service's name close under its breadcrumbs, not a screen's gap below."""

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

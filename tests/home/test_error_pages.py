"""Specifications for the error pages: GOV.UK-styled, polite, and the quick exit still there."""

import pytest
from django.template.loader import render_to_string

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


@pytest.mark.django_db
def test_page_not_found_is_a_polite_404_with_the_quick_exit(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert f'href="{NEUTRAL_SITE}"' in html


def test_server_error_page_renders_without_request_context_or_database():
    # No django_db mark: pytest-django fails the test on any database access.
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "/static/vendor/govuk/govuk-frontend.min.css" in html


def test_server_error_page_keeps_the_quick_exit_and_urgent_numbers():
    html = render_to_string("500.html")
    assert f'href="{NEUTRAL_SITE}"' in html
    assert 'href="tel:999"' in html
    assert 'href="tel:08001111"' in html

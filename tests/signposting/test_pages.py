"""Specifications for the plain pages: browsing safely, the accessibility statement, the print view."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/browsing-safely/", "/accessibility/"])
def test_the_page_is_served_in_every_language(client, area, path):
    for prefix in ("", "/pl", "/ar"):
        assert client.get(prefix + path).status_code == 200


def test_browsing_safely_explains_the_quick_exit_and_shift_three_times(client, area):
    page = client.get("/browsing-safely/").content.decode()

    assert "Exit this page" in page
    assert "Shift key 3 times" in page
    assert "private" in page.lower()


def test_the_accessibility_statement_names_the_standard_and_how_to_report(client, area):
    page = client.get("/accessibility/").content.decode()

    assert "Web Content Accessibility Guidelines version 2.2 AA" in page
    assert "mailto:" in page


def test_the_print_view_has_a_qr_code_per_service(client, service, make_service):
    other = make_service()
    for each in (service, other):
        client.post("/shortlist/add/", {"service": each.pk})

    page = client.get("/shortlist/print/").content.decode()

    assert page.count('<svg role="img"') == 2
    assert f"http://testserver{service.url}" in page


def test_the_print_view_of_a_share_link_needs_no_session(client, service):
    response = client.get(f"/shortlist/s/{service.pk}/print/")

    assert response.status_code == 200
    assert not response.cookies


def test_on_paper_the_email_and_website_are_text_and_on_the_shortlist_links(client, make_service):
    service = make_service(email="hello@example.org", website="https://example.org/help")
    shared = client.get(f"/shortlist/s/{service.pk}/").content.decode()
    printed = client.get(f"/shortlist/s/{service.pk}/print/").content.decode()

    assert 'href="mailto:hello@example.org"' in shared and 'href="https://example.org/help"' in shared
    assert 'href="mailto:' not in printed and 'href="https://example.org/help"' not in printed
    assert "hello@example.org" in printed and "https://example.org/help" in printed


def test_the_print_view_uses_the_a4_print_stylesheet(client, service):
    page = client.get(f"/shortlist/s/{service.pk}/print/").content.decode()

    assert "signposting/print.css" in page


def test_the_shortlist_is_translated_into_polish(client, area):
    page = client.get("/pl/shortlist/").content.decode()

    assert "Twoja lista wybranych" in page


def test_the_shortlist_is_translated_into_arabic_and_right_to_left(client, area):
    page = client.get("/ar/shortlist/").content.decode()

    assert "قائمتك المختارة" in page
    assert 'dir="rtl"' in page

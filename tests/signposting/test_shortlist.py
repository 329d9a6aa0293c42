"""Specifications for the shortlist: session-held ids, add and remove by plain posts, share links, text."""

import pytest
from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from signposting import shortlist

pytestmark = pytest.mark.django_db

ADD = "/shortlist/add/"
REMOVE = "/shortlist/remove/"


def add(client, service, next_url="/search/?q=parenting", **headers):
    return client.post(ADD, {"service": service.pk, "next": next_url}, headers=headers)


def test_viewing_an_empty_shortlist_sets_no_cookie(client):
    response = client.get("/shortlist/")

    assert response.status_code == 200
    assert not response.cookies


def test_adding_a_service_keeps_only_its_id_in_the_session(client, service):
    add(client, service)

    # Keys starting "_" are Django's own bookkeeping (here: expire at browser close).
    stored = {key: value for key, value in client.session.items() if not key.startswith("_")}
    assert stored == {shortlist.SESSION_KEY: [service.pk]}


def test_adding_a_service_sets_the_session_cookie(client, service):
    response = add(client, service)

    assert settings.SESSION_COOKIE_NAME in response.cookies


def test_the_shortlist_cookie_ends_when_the_browser_closes(client, service):
    response = add(client, service)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]


def test_adding_goes_back_to_the_page_at_the_button(client, service):
    response = add(client, service, next_url="/search/?q=parenting&postcode=BN11")

    assert response.status_code == 302
    assert response["Location"] == f"/search/?q=parenting&postcode=BN11#shortlist-{service.pk}"


def test_removing_goes_back_to_the_page_at_the_add_button(client, service):
    add(client, service)
    response = client.post(
        reverse("signposting:shortlist_remove"), {"service": service.pk, "next": "/search/?q=parenting"}
    )

    assert response["Location"] == f"/search/?q=parenting#shortlist-{service.pk}"
    page = client.get("/search/", {"q": "parenting"}).content.decode()
    # The fragment lands on the "Add" button again (focused by the browser), and no service is in the list.
    button = page.split(f'id="shortlist-{service.pk}"')[1].split("</button>")[0]
    assert "Add to shortlist" in button


def test_after_adding_the_page_lands_on_in_your_shortlist(client, service):
    add(client, service)
    page = client.get("/search/", {"q": "parenting"}).content.decode()
    # Focusable (tabindex=-1), so the browser focuses it on arriving at the fragment and a screen reader says it.
    assert f'id="shortlist-{service.pk}" tabindex="-1">' in page
    assert "In your shortlist" in page.split(f'id="shortlist-{service.pk}"')[1].split("</p>")[0]


def test_adding_never_redirects_to_another_site(client, service):
    response = add(client, service, next_url="https://evil.example/steal")

    assert response["Location"] == f"/shortlist/#shortlist-{service.pk}"


def test_adding_needs_no_csrf_token(service):
    client = Client(enforce_csrf_checks=True)

    response = add(client, service)

    assert response.status_code == 302


def test_a_post_from_another_site_is_refused(client, service):
    response = add(client, service, Origin="https://evil.example")

    assert response.status_code == 403
    assert shortlist.SESSION_KEY not in client.session


def test_a_post_the_browser_marks_cross_site_is_refused(client, service):
    response = add(client, service, **{"Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 403


def test_a_post_from_this_site_is_accepted(client, service):
    response = add(client, service, Origin="http://testserver")

    assert response.status_code == 302


def test_an_unpublished_service_cannot_be_added(client, service):
    service.unpublish()

    response = add(client, service)

    assert response.status_code == 404
    assert shortlist.SESSION_KEY not in client.session


def test_a_service_id_that_is_not_a_number_is_a_polite_404(client, area):
    response = client.post(ADD, {"service": "abc"})

    assert response.status_code == 404
    assert b"not listed any more" in response.content


def test_adding_the_same_service_twice_keeps_it_once(client, service):
    add(client, service)
    again = add(client, service)

    assert client.session[shortlist.SESSION_KEY] == [service.pk]
    # Already there is a success, not the "shortlist full" page.
    assert (again.status_code, again["Location"]) == (302, f"/search/?q=parenting#shortlist-{service.pk}")


def test_the_shortlist_holds_at_most_30_services(client, make_service):
    services = [make_service() for _ in range(shortlist.MAX_SERVICES + 1)]
    for service in services[:-1]:
        add(client, service)

    response = add(client, services[-1])

    assert response.status_code == 400
    assert len(client.session[shortlist.SESSION_KEY]) == shortlist.MAX_SERVICES


def test_removing_a_service_takes_it_off_the_list(client, service, make_service):
    other = make_service()
    add(client, service)
    add(client, other)

    client.post(REMOVE, {"service": service.pk, "next": "/shortlist/"})

    assert client.session[shortlist.SESSION_KEY] == [other.pk]


def test_clearing_empties_the_list(client, service):
    add(client, service)

    client.post("/shortlist/clear/")

    assert shortlist.SESSION_KEY not in client.session


def test_the_shortlist_shows_what_a_family_needs_to_get_in_touch(client, service):
    add(client, service)

    page = client.get("/shortlist/").content.decode()

    assert "Little Steps Parenting Group" in page
    assert "Sunflower Family Trust" in page
    assert "Worthing Library, Richmond Road, Worthing, BN11 1HS" in page
    assert "01903 123456" in page
    assert "https://example.org/help" in page
    assert "Free" in page


def test_the_shortlist_offers_a_share_link_holding_only_service_ids(client, service, make_service):
    other = make_service()
    add(client, service)
    add(client, other)

    response = client.get("/shortlist/")

    assert response.context["share_url"] == f"http://testserver/shortlist/s/{service.pk},{other.pk}/"


def test_the_copy_as_text_block_has_name_phone_email_website_and_address(client, service):
    service.email = "hello@example.org"
    service.save_revision().publish()
    add(client, service)

    text = client.get("/shortlist/").context["text"]

    assert text.startswith(
        "Little Steps Parenting Group\nPhone: 01903 123456\nEmail: hello@example.org\nWebsite: https://example.org/help\n"
    )
    assert "Address: Worthing Library, Richmond Road, Worthing, BN11 1HS" in text


def test_the_shortlist_its_print_view_and_its_text_say_how_fresh_each_listing_is(client, make_service):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    fresh = make_service(title="Fresh Group", last_reviewed=today - datetime.timedelta(days=30))
    stale = make_service(title="Stale Group", last_reviewed=today - datetime.timedelta(days=400))
    add(client, fresh)
    add(client, stale)

    for path in ("/shortlist/", "/shortlist/print/"):
        page = client.get(path).content.decode()
        fresh_part, stale_part = page.split("Fresh Group", 1)[1].split("Stale Group", 1)
        assert "Last checked" in fresh_part and "Not checked for over a year" not in fresh_part, path
        assert "Not checked for over a year" in stale_part, path
    text = client.get("/shortlist/").context["text"]
    assert f"Last checked: {date_format(stale.last_reviewed, 'DATE_FORMAT')}" in text


def test_the_text_block_is_a_read_only_textarea(client, service):
    add(client, service)

    page = client.get("/shortlist/").content.decode()

    assert '<textarea class="govuk-textarea eh-shortlist-text" id="shortlist-text" rows="10" readonly' in page


def test_a_share_link_opens_the_same_list_for_anyone(service, make_service):
    other = make_service(title="Young Carers Club")

    response = Client().get(f"/shortlist/s/{service.pk},{other.pk}/")

    assert [card["name"] for card in response.context["cards"]] == ["Little Steps Parenting Group", "Young Carers Club"]


def test_opening_a_share_link_sets_no_cookie(service):
    response = Client().get(f"/shortlist/s/{service.pk}/")

    assert not response.cookies


def test_a_share_link_silently_drops_unpublished_services_with_a_note(client, service, make_service):
    gone = make_service()
    gone.unpublish()

    response = client.get(f"/shortlist/s/{gone.pk},{service.pk}/")

    assert [card["id"] for card in response.context["cards"]] == [service.pk]
    assert "1 service in this list is no longer listed" in response.content.decode()


def test_a_share_link_ignores_ids_that_are_not_services(client, service):
    response = client.get(f"/shortlist/s/999999,{service.pk}/")

    assert [card["id"] for card in response.context["cards"]] == [service.pk]


@pytest.mark.parametrize("ids", [",,", "1,,2", "1;2"])
def test_a_broken_share_link_is_a_polite_404(client, area, ids):
    response = client.get(f"/shortlist/s/{ids}/")

    assert response.status_code == 404


def test_a_share_link_reads_at_most_30_ids():
    ids = ",".join(str(number) for number in range(1, 41))

    assert shortlist.parse_share(ids) == list(range(1, 31))


def test_a_share_link_may_end_with_a_comma_and_repeat_an_id():
    # What a list copied by hand often looks like.
    assert shortlist.parse_share("12,45,12,") == [12, 45]
    assert shortlist.parse_share(None) is None


def test_the_shortlist_reads_its_services_places_in_a_fixed_number_of_queries(service, make_service):
    def queries(ids):
        with CaptureQueriesContext(connection) as captured:
            for page in shortlist.published_in_order(ids):
                [location.district for location in page.locations.all()]
                page.locale.language_code  # noqa: B018  (read, as the cards' links do)
        return len(captured)

    queries([service.pk])  # warm the content types
    others = [make_service().pk for _ in range(3)]
    assert queries([service.pk, *others]) == queries([service.pk])


def test_a_share_link_can_be_copied_into_your_own_shortlist(client, service, make_service):
    mine = make_service()
    add(client, mine)

    client.post(f"/shortlist/s/{service.pk}/keep/")

    assert client.session[shortlist.SESSION_KEY] == [mine.pk, service.pk]


def test_the_shared_list_has_no_remove_buttons(client, service):
    page = client.get(f"/shortlist/s/{service.pk}/").content.decode()

    assert REMOVE not in page


def test_the_add_button_shows_remove_once_added(client, service):
    add(client, service)
    page = client.get(f"/shortlist/s/{service.pk}/")
    request = page.wsgi_request
    html = Template('{% include "signposting/add_button.html" %}').render(
        Context({"request": request, "service_id": service.pk, "service_name": service.title})
    )

    assert reverse("signposting:shortlist_remove") in html
    assert f'Remove from shortlist<span class="govuk-visually-hidden">: {service.title}</span>' in html


def test_the_share_link_keeps_the_visitors_language(client, service):
    add(client, service)

    response = client.get("/pl/shortlist/")

    assert response.context["share_url"] == f"http://testserver/pl/shortlist/s/{service.pk}/"


def test_search_results_carry_the_shortlist_button_and_set_no_cookie(client, service):
    response = client.get("/search/", {"q": "parenting"})

    assert f'id="shortlist-{service.pk}"' in response.content.decode()
    assert not response.cookies


def test_a_service_page_offers_shortlist_poster_and_report(client, service):
    page = client.get(service.url).content.decode()

    assert f'id="shortlist-{service.pk}"' in page
    assert f"/poster/service/{service.pk}/" in page
    assert f"/report-a-problem/{service.pk}/" in page

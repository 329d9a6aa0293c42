"""The search page: the accessibility, SEND and Family Hub / Start for Life filters, and the marks on cards."""

import re

import pytest

from directory.factories import ServicePageFactory
from search.indexing import rebuild_all
from tests.offer.conftest import needs, publish, site
from tests.results import result_names

pytestmark = pytest.mark.django_db
URL = "/search/"


@pytest.fixture
def services():
    hub = ServicePageFactory(
        title="Worthing Family Hub",
        locations=[site("Worthing Library", "BN11 1HS", "Worthing", ["step_free"])],
        family_hub=True,
    )
    hub.send_needs.set(needs("autism"))
    publish(hub)
    publish(ServicePageFactory(title="Chess Club"))
    rebuild_all()


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_filters_are_offered_as_checkboxes(client, services):
    html = get(client, postcode="BN11 1HS")
    for legend in ("Accessibility at the place", "Supports special educational needs", "Family Hub and Start for Life"):
        assert f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>' in html
    for name, value, label in [
        ("access", "step_free", "Step-free access"),
        ("send", "autism", "Autism"),
        ("send", "physical", "Physical disabilities"),
        ("mark", "family_hub", "Family Hub"),
        ("mark", "start_for_life", "Start for Life"),
    ]:
        checkbox = re.search(rf'<input[^>]*id="([^"]+)" name="{name}" type="checkbox" value="{value}"', html)
        assert checkbox, f"no {name}={value} checkbox"
        assert re.search(rf'<label[^>]*for="{checkbox[1]}">\s*{label}', html)


@pytest.mark.parametrize("params", [{"access": "step_free"}, {"send": "autism"}, {"mark": "family_hub"}])
def test_each_filter_narrows_the_results_and_stays_ticked(client, services, params):
    html = get(client, postcode="BN11 1HS", **params)
    assert result_names(html) == ["Worthing Family Hub"]
    [(name, value)] = params.items()
    assert re.search(rf'name="{name}" type="checkbox" value="{value}" checked', html)


def test_a_chosen_filter_can_be_removed_on_its_own(client, services):
    html = get(client, postcode="BN11 1HS", access="step_free", send="autism")
    link = re.search(r'href="/search/\?postcode=BN11\+1HS&amp;send=autism"[^>]*>((?:(?!</a>).)*)</a>', html, re.S)
    assert link and "Step-free access" in link[1]


def test_an_unknown_feature_is_a_polite_error_not_a_failure(client, services):
    html = get(client, postcode="BN11 1HS", access="lift")
    assert "“lift” is not a known accessibility feature" in html


def test_the_family_hub_mark_shows_on_its_card_only(client, services):
    html = get(client, postcode="BN11 1HS")
    cards = re.findall(r'<li class="eh-result">(.*?)</li>\s*(?=<li class="eh-result">|</ol>|</ul>)', html, re.S)
    marked = {name: "eh-mark" in card for card in cards for name in result_names(card)}
    assert marked == {"Worthing Family Hub": True, "Chess Club": False}


def test_the_filters_read_in_polish(client, services):
    response = client.get("/pl" + URL, {"postcode": "BN11 1HS"})
    html = response.content.decode()
    assert ">Step-free access<" not in html and "Step-free access\n" not in html


def test_nothing_found_suggests_removing_the_filter(client, services):
    html = get(client, postcode="BN11 1HS", access="changing_places")
    assert result_names(html) == []
    assert "2 services if you remove the accessibility filter" in html

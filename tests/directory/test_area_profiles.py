"""Area profiles: each loads DOMAIN.md's districts, outcomes, need levels and age bands, idempotently."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.area_profiles import available_areas, load_area
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag

VOCABULARIES = (DistrictTag, OutcomeTag, NeedLevelTag, AgeBandTag)

# DOMAIN.md's district table.
LAD_CODES = {
    "west-sussex": {
        "Adur": "E07000223",
        "Arun": "E07000224",
        "Chichester": "E07000225",
        "Crawley": "E07000226",
        "Horsham": "E07000227",
        "Mid Sussex": "E07000228",
        "Worthing": "E07000229",
    },
    "lancashire": {
        "Burnley": "E07000117",
        "Chorley": "E07000118",
        "Fylde": "E07000119",
        "Hyndburn": "E07000120",
        "Lancaster": "E07000121",
        "Pendle": "E07000122",
        "Preston": "E07000123",
        "Ribble Valley": "E07000124",
        "Rossendale": "E07000125",
        "South Ribble": "E07000126",
        "West Lancashire": "E07000127",
        "Wyre": "E07000128",
    },
    "essex": {
        "Basildon": "E07000066",
        "Braintree": "E07000067",
        "Brentwood": "E07000068",
        "Castle Point": "E07000069",
        "Chelmsford": "E07000070",
        "Colchester": "E07000071",
        "Epping Forest": "E07000072",
        "Harlow": "E07000073",
        "Maldon": "E07000074",
        "Rochford": "E07000075",
        "Tendring": "E07000076",
        "Uttlesford": "E07000077",
    },
}
OUTCOME_COUNTS = {"west-sussex": 4, "lancashire": 5, "essex": 10}
NEED_LEVELS = ["Universal", "Additional / early help", "Intensive / targeted early help", "Specialist"]
AGE_BANDS = [
    "Pregnancy",
    "0–2 years",
    "2–4 years",
    "5–11 years",
    "11–16 years",
    "16–19 years",
    "19–25 years",
    "Parents and carers",
]


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def counts():
    return [model.objects.count() for model in VOCABULARIES]


def test_the_three_areas_of_domain_md_exist():
    assert available_areas() == ["essex", "lancashire", "west-sussex"]


@pytest.mark.django_db
@pytest.mark.parametrize("area", LAD_CODES)
def test_area_loads_its_districts_with_their_lad_codes(area):
    load_area(area)
    assert dict(DistrictTag.objects.values_list("name", "code")) == LAD_CODES[area]


@pytest.mark.django_db
@pytest.mark.parametrize("area", LAD_CODES)
def test_area_loads_its_own_outcomes(area):
    load_area(area)
    assert OutcomeTag.objects.count() == OUTCOME_COUNTS[area]


@pytest.mark.django_db
@pytest.mark.parametrize("area", LAD_CODES)
def test_area_loads_the_four_need_levels_in_order(area):
    load_area(area)
    levels = NeedLevelTag.objects.order_by("level")
    assert [(tag.level, tag.name) for tag in levels] == list(enumerate(NEED_LEVELS, start=1))


@pytest.mark.django_db
@pytest.mark.parametrize("area", LAD_CODES)
def test_area_loads_the_eight_age_bands(area):
    load_area(area)
    assert list(AgeBandTag.objects.values_list("name", flat=True)) == AGE_BANDS


@pytest.mark.django_db
def test_essex_districts_carry_their_quadrant():
    load_area("essex")
    assert DistrictTag.objects.get(name="Colchester").quadrant == "North East"
    assert set(DistrictTag.objects.values_list("quadrant", flat=True)) == {"North East", "Mid", "South", "West"}


@pytest.mark.django_db
def test_west_sussex_outcomes_are_the_families_plan():
    load_area("west-sussex")
    assert OutcomeTag.objects.order_by("order").first().name == (
        "Children and young people get the best start in life and are physically and emotionally healthy"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("area", LAD_CODES)
def test_loading_an_area_twice_changes_nothing(area):
    assert load_area(area) > 0
    before = counts()
    assert load_area(area) == 0
    assert counts() == before


@pytest.mark.django_db
def test_load_area_command_reports_nothing_changed_the_second_time():
    run("load_area", "west-sussex")
    assert "0 terms created or changed" in run("load_area", "west-sussex")


@pytest.mark.django_db
def test_unknown_area_fails_listing_the_areas_that_exist():
    with pytest.raises(CommandError) as caught:
        call_command("load_area", "kent")
    message = str(caught.value)
    assert "kent" in message
    for slug in ("essex", "lancashire", "west-sussex"):
        assert slug in message
    assert counts() == [0, 0, 0, 0]

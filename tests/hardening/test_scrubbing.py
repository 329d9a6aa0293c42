"""What people type about themselves never reaches the search log, however they write it; their other words do."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.log import scrub
from search.models import SearchLogEntry

# Words around the personal details: none is a place, a month, a street word, "at" or "dot".
WORDS = ["parenting", "support", "family", "hub", "autism", "toddler", "group", "food", "bank", "sleep", "advice"]
WORDS += ["young", "carers", "play", "mental", "health", "after", "school", "club", "please", "urgent", "for"]
NAMES = ["jane", "doe", "mohammed", "kowalska", "priya", "oakes"]
DOMAINS = ["examplemail", "inbox", "fastpost", "homenet"]
STREETS = ["Acacia", "Church", "Station", "Mill", "Victoria", "Orchard", "Kings"]
STREET_KINDS = ["Avenue", "Road", "Street", "Lane", "Close", "Drive", "Way", "Crescent", "Gardens", "Rd", "St"]
MONTHS = ["January", "Feb", "March", "april", "May", "June", "Sept", "October", "Dec"]
SEPARATORS = st.sampled_from(["", " ", "  ", "-", "."])

letter = st.sampled_from("ABCDEFGHJKLMNOPRSTUWYZ")
digit = st.integers(0, 9).map(str)


def grouped(characters, separator_choices=SEPARATORS):
    """The same characters in any grouping: each gap gets its own separator (or none)."""
    return st.lists(separator_choices, min_size=len(characters) - 1, max_size=len(characters) - 1).map(
        lambda gaps: characters[0] + "".join(gap + char for gap, char in zip(gaps, characters[1:], strict=True))
    )


@st.composite
def postcodes(draw):
    outward = draw(st.lists(letter, min_size=1, max_size=2)) + [draw(digit)]
    if draw(st.booleans()):
        outward.append(draw(st.one_of(digit, letter)))
    inward = [draw(digit), draw(letter), draw(letter)]
    written = draw(
        st.one_of(
            st.just("".join(outward) + " " + "".join(inward)),
            st.just("".join(outward) + "".join(inward)),
            st.just("".join(outward) + "-" + "".join(inward)),
            st.just(" ".join(outward + inward)),  # "B N 1 1 1 H S"
            grouped("".join(outward + inward)),
        )
    )
    return draw(st.sampled_from([written, written.lower(), written.upper()]))


@st.composite
def emails(draw):
    local = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True))
    domain = [draw(st.sampled_from(DOMAINS)), *draw(st.sampled_from([["com"], ["org"], ["co", "uk"], ["net"]]))]
    style = draw(st.sampled_from(["@", "words", "brackets"]))
    if style == "@":
        return ".".join(local) + "@" + ".".join(domain)
    if style == "words":
        return " dot ".join(local) + " at " + " dot ".join(domain)
    return ".".join(local) + " (at) " + " (dot) ".join(domain)


def digits(count, first=None):
    return st.lists(digit, min_size=count, max_size=count).map(lambda ds: (first or "") + "".join(ds))


phones = st.one_of(
    digits(9, first="07").flatmap(grouped),
    digits(9, first="01").flatmap(grouped),
    digits(10).flatmap(lambda ds: grouped(ds).map(lambda text: "+44 " + text)),
)
nhs_numbers = digits(10).flatmap(lambda ds: grouped(ds, st.sampled_from(["", " ", "-"])))
ni_numbers = st.tuples(letter, letter, digits(6), st.sampled_from("ABCD")).flatmap(
    lambda parts: st.sampled_from(
        [
            parts[0] + parts[1] + parts[2] + parts[3],
            f"{parts[0]}{parts[1]} {parts[2][:2]} {parts[2][2:4]} {parts[2][4:]} {parts[3]}",
            f"{parts[0]}{parts[1]}-{parts[2]}-{parts[3]}",
        ]
    )
)
dates_of_birth = st.tuples(
    st.integers(1, 28), st.integers(1, 12), st.integers(1950, 2025), st.sampled_from(MONTHS)
).map(
    lambda d: [
        f"{d[0]}/{d[1]}/{d[2]}",
        f"{d[0]:02d}-{d[1]:02d}-{d[2] % 100:02d}",
        f"{d[2]}-{d[1]:02d}-{d[0]:02d}",
        f"{d[0]} {d[3]} {d[2]}",
        f"{d[0]}th of {d[3]} {d[2]}",
        f"{d[3]} {d[0]}, {d[2]}",
    ][d[0] % 6]
)
addresses = st.tuples(
    st.integers(1, 999), st.lists(st.sampled_from(STREETS), min_size=1, max_size=2), st.sampled_from(STREET_KINDS)
).map(lambda a: f"{a[0]} {' '.join(a[1])} {a[2]}")

personal_details = st.one_of(postcodes(), emails(), phones, nhs_numbers, ni_numbers, dates_of_birth, addresses)
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


def squeezed(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def assert_scrubbed(detail, before, after, logged):
    assert not re.search(r"[0-9]", logged), (detail, logged)
    assert squeezed(detail) not in squeezed(logged), (detail, logged)
    for name in NAMES + DOMAINS:
        if name in detail.lower():
            assert name not in logged.lower(), (detail, logged)
    # The words around the detail are kept, in order.
    assert re.search(r"\b" + re.escape(before) + r"\b.*\b" + re.escape(after) + r"\b", logged), (detail, logged)


@given(before=words, detail=personal_details, after=words)
@settings(deadline=None)
def test_scrub_takes_out_each_family_and_keeps_the_words_around(before, detail, after):
    assert_scrubbed(detail, before, after, scrub(f"{before} {detail} {after}"))


@pytest.mark.django_db
@given(before=words, detail=personal_details, after=words)
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_personal_detail_reaches_the_log_through_a_real_search(client, before, detail, after):
    typed = f"{before} {detail} {after}"
    for path in ("/search/", "/api/search"):
        SearchLogEntry.objects.all().delete()
        response = client.get(path, {"q": typed})
        assert response.status_code == 200, (path, typed)
        logged = SearchLogEntry.objects.get().text
        assert_scrubbed(detail, before, after, logged)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/search/", "/api/search"])
def test_a_search_with_a_postcode_email_and_phone_is_logged_without_them(client, path):
    # One fixed case beside the generated ones, so the plain mistake (the typed text stored as typed) fails at once.
    response = client.get(path, {"q": "parenting BN11 1HS jo@example.com 07700 900123 worthing"})
    assert response.status_code == 200
    logged = SearchLogEntry.objects.get().text
    assert logged.startswith("parenting ") and logged.endswith(" worthing"), logged
    for detail in ("BN11", "1HS", "jo@", "example.com", "07700", "900123"):
        assert detail.lower() not in logged.lower(), logged

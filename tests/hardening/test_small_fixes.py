"""The smaller holes of the second hardening pass stay closed: favicon, `Origin: null`, long cells and echoes."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from directory.exchange.csv_import import COLUMNS, ECHO_CHARACTERS, CsvImportError, import_services_csv

ROOT = Path(__file__).resolve().parents[2]


def test_the_favicon_redirects_under_the_dev_settings():
    # The dev settings turn DEBUG on, which is when earlyhelp/urls.py used to rebind the name `static`.
    script = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/favicon.ico', HTTP_HOST='localhost'); print(r.status_code, r.get('Location'))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "earlyhelp.settings.dev"}
    result = subprocess.run(  # noqa: S603  (our own interpreter, fixed arguments)
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    status, location = result.stdout.split()
    assert status == "301"
    assert location.endswith("earlyhelp/favicon.svg")


@pytest.fixture
def published_service(db):
    from directory.area_profiles import load_area
    from directory.factories import ServicePageFactory

    load_area("west-sussex")
    service = ServicePageFactory()
    service.save_revision().publish()
    return service


@pytest.mark.parametrize("origin", ["null", "https://evil.example", "http://testserver.evil.example"])
def test_the_shortlist_refuses_a_post_from_an_opaque_or_foreign_origin(client, published_service, origin):
    response = client.post("/shortlist/add/", {"service": published_service.pk}, HTTP_ORIGIN=origin)
    assert response.status_code == 403
    assert "shortlist" not in client.session


def test_the_shortlist_still_takes_a_post_from_this_site(client, published_service):
    response = client.post("/shortlist/add/", {"service": published_service.pk}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302


def csv_of(*records):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow({column: "" for column in COLUMNS} | record)
    return out.getvalue().encode()


def problems_of(data):
    with pytest.raises(CsvImportError) as caught:
        import_services_csv(data)
    return caught.value.problems


GOOD = {"organisation": "Acorn Family Trust", "service name": "Stay and play", "summary": "Play for toddlers."}


@pytest.mark.django_db
def test_a_ten_thousand_character_name_is_not_echoed_whole():
    name = "Trust " * 2000
    problems = problems_of(csv_of(GOOD | {"organisation": name}))
    for problem in problems:
        assert name not in str(problem)
        assert len(str(problem)) < 400
    assert any("…" in problem.message for problem in problems)
    assert all(problem.row == 2 for problem in problems)


@pytest.mark.django_db
@pytest.mark.parametrize("column", ["email", "website", "outcomes", "cost", "postcode"])
def test_an_echoed_cell_is_cut_with_an_ellipsis(column):
    value = "x" * 10_000
    problems = [
        problem
        for problem in problems_of(csv_of(GOOD, GOOD | {"service name": "Second", column: value}))
        if problem.column == column
    ]
    assert problems, f"no problem reported for {column}"
    assert all(problem.row == 3 for problem in problems)
    assert "x" * (ECHO_CHARACTERS + 1) not in problems[0].message
    assert "…" in problems[0].message


@pytest.mark.django_db
@pytest.mark.parametrize("size", [200_000, 2_000_000])
def test_a_huge_cell_is_reported_with_its_row(size):
    problems = problems_of(csv_of(GOOD, GOOD, GOOD | {"description": "y" * size}))
    assert [problem.row for problem in problems] == [4]
    assert "too long" in problems[0].message


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_points_at_the_row():
    data = csv_of(GOOD, GOOD | {"town": "Café"}).replace("Café".encode(), "Café".encode("cp1252"))
    problems = problems_of(data)
    assert [problem.row for problem in problems] == [3]


@pytest.mark.django_db
def test_an_unknown_column_with_a_huge_name_is_cut():
    data = b"organisation,service name,summary," + b"z" * 10_000 + b"\r\nA,B,C,D\r\n"
    problems = problems_of(data)
    assert all(problem.row == 1 for problem in problems)
    assert all(len(str(problem)) < 400 for problem in problems)

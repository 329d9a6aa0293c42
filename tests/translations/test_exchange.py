"""Open Referral UK: a translated service is exported once, with the languages it is offered in, and imported so."""

import json

import pytest
from django.core.management import call_command

from directory.models import OrganisationPage, ServicePage
from tests.oruk.conftest import schemas  # noqa: F401  (the profile's schemas, a fixture)

pytestmark = pytest.mark.django_db


def export(tmp_path, name):
    path = tmp_path / name
    call_command("export_oruk", str(path), stdout=open(path.with_suffix(".log"), "w"))  # noqa: SIM115
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.usefixtures("schemas")
def test_a_translated_service_is_exported_once_and_its_languages_survive_an_import(
    tmp_path,
    polish_translation,
    service_a,
    service_b,
):
    service_a.languages = "English, Polish"
    service_a.save_revision().publish()
    records = export(tmp_path, "export.json")
    assert sorted(record["name"] for record in records) == ["Acorn parenting group", "Beacon youth club"]
    exported = next(record for record in records if record["name"] == "Acorn parenting group")
    assert [language["name"] for language in exported["languages"]] == ["English", "Polish"]

    for organisation in OrganisationPage.objects.all():
        organisation.delete()
    call_command("import_oruk", str(tmp_path / "export.json"), "--publish", stdout=open(tmp_path / "import.log", "w"))  # noqa: SIM115

    assert ServicePage.objects.get(title="Acorn parenting group").language_list == ["English", "Polish"]

"""Specifications for export_oruk and import_oruk: a lossless round trip, drafts by default, all or nothing."""

import copy
import functools
import http.server
import io
import json
import socket
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from directory.exchange import oruk
from directory.exchange.oruk_import import ImportFailed, import_oruk, import_oruk_source
from directory.exchange.oruk_parse import read_source
from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import Location, OrganisationPage, ServicePage
from directory.vocabularies import DistrictTag
from tests.feeds.conftest import feed_service
from tests.oruk.conftest import full_service

# Changes on every publish by definition: the time the listing last changed.
VOLATILE = {"last_modified"}


def export(tmp_path, name="export.json"):
    path = tmp_path / name
    call_command("export_oruk", str(path), stdout=open(path.with_suffix(".log"), "w"))  # noqa: SIM115
    return json.loads(path.read_text(encoding="utf-8"))


def differences(before, after):
    """(service name, field, before, after) for every field that differs, ignoring the volatile ones."""
    after_by_id = {record["id"]: record for record in after}
    found = [(record["name"], "missing", None, None) for record in before if record["id"] not in after_by_id]
    for record in before:
        other = after_by_id.get(record["id"], record)
        for key in sorted((set(record) | set(other)) - VOLATILE):
            if record.get(key) != other.get(key):
                found.append((record["name"], key, record.get(key), other.get(key)))
    return found + [(r["name"], "added", None, None) for r in after if r["id"] not in {b["id"] for b in before}]


def delete_everything():
    for organisation in OrganisationPage.objects.all():
        organisation.delete()
    assert not ServicePage.objects.exists()


def service_record(**changes):
    """A small valid ORUK service in the profile's shape, as another directory might send it: the feed tests'
    service 0, with a description of two paragraphs."""
    fields = {"name": "Bognor Parent Support", "description": "Help with parenting.\n\nCome along on Tuesdays."}
    return feed_service(0, **{**fields, **changes})


@pytest.fixture
def published_services(area):
    """A spread of services: the full one, one with no place (phone only), a free one with two topics."""
    organisation = OrganisationPageFactory(title="Seaside Families", website="https://seaside.example.org")
    full_service(organisation)
    ServicePageFactory(
        parent=organisation,
        title="Helpline",
        summary="Call us.",
        in_person=False,
        by_phone=True,
        locations=[],
        languages="English",
        description="",
        tags={"topics": ["debt and money"]},
    )
    other = OrganisationPageFactory(title="Crawley Youth")
    ServicePageFactory(
        parent=other,
        title="Youth club",
        summary="Games, food and someone to talk to.",
        description="<p>Every week.</p><ol><li>Games</li><li>Food</li></ol>",
        locations=[Location(name="Crawley Youth Centre", postcode="RH10 6HG", address="1 High Street")],
        min_age=11,
        max_age=19,
    )
    ServicePageFactory(parent=other, title="Draft only", live=False)


def test_export_writes_every_published_service_as_the_profiles_package(tmp_path, schemas, published_services):
    records = export(tmp_path)
    assert sorted(record["name"] for record in records) == ["Helpline", "Worthing Family Hub", "Youth club"]
    assert not schemas.errors_in(records, schemas.validator("service_package"))


def test_export_then_import_into_an_empty_site_gives_the_same_services(tmp_path, schemas, published_services):
    before = export(tmp_path, "before.json")
    old_ids = set(ServicePage.objects.values_list("pk", flat=True))
    delete_everything()

    call_command("import_oruk", str(tmp_path / "before.json"), "--publish", stdout=open(tmp_path / "import.log", "w"))  # noqa: SIM115

    assert not old_ids & set(ServicePage.objects.values_list("pk", flat=True))  # really new pages
    after = export(tmp_path, "after.json")
    assert differences(before, after) == []
    # Spelled out, what matters most: the descriptions and the coordinates.
    hub = next(record for record in after if record["name"] == "Worthing Family Hub")
    assert hub["x-earlyhelp"]["description_html"].startswith("<p>Parenting <b>support</b> &amp; advice.</p>")
    location = hub["service_at_locations"][1]["location"]
    assert (location["latitude"], location["longitude"]) == (51.110167, -0.180653)


def test_import_saves_drafts_unless_asked_to_publish(client, schemas, area):
    report = import_oruk([service_record()])
    service = ServicePage.objects.get(oruk_id=service_record()["id"])
    assert (report.created["service"], report.created["organisation"]) == (1, 1)
    assert not service.live and service.latest_revision is not None
    assert not service.get_parent().live
    assert client.get(f"/api/oruk/services/{service.oruk_id}").status_code == 404

    import_oruk([service_record()], publish=True)
    assert client.get(f"/api/oruk/services/{service.oruk_id}").json()["name"] == "Bognor Parent Support"


def test_import_updates_what_it_matches_by_oruk_id(schemas, area):
    import_oruk([service_record()], publish=True)
    page = ServicePage.objects.get()
    report = import_oruk([service_record(name="Bognor Parenting")], publish=True)
    assert report.updated["service"] == 1
    assert ServicePage.objects.get().pk == page.pk
    assert ServicePage.objects.get().title == "Bognor Parenting"


def test_importing_the_same_file_again_changes_nothing(schemas, area):
    import_oruk([service_record()], publish=True)
    revisions = Revision.objects.count()
    report = import_oruk([service_record()], publish=True)
    assert (report.unchanged["service"], report.unchanged["organisation"]) == (1, 1)
    assert Revision.objects.count() == revisions


def test_a_draft_import_leaves_the_live_listing_for_moderation(client, schemas, area):
    import_oruk([service_record()], publish=True)
    import_oruk([service_record(name="Renamed in the source")])
    page = ServicePage.objects.get()
    assert page.title == "Bognor Parent Support" and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Renamed in the source"
    assert client.get(f"/api/oruk/services/{page.oruk_id}").json()["name"] == "Bognor Parent Support"


def test_a_malformed_record_is_refused_by_name_and_field_and_the_rest_import(tmp_path, schemas, area):
    broken = service_record(id="0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name="Second")
    broken["service_at_locations"][0]["location"]["latitude"] = "north"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps([service_record(), broken]), encoding="utf-8")
    output = io.StringIO()
    call_command("import_oruk", str(path), "--publish", stdout=output)
    assert "$[1].service_at_locations[0].location.latitude: 'north' is not of type 'number'" in output.getvalue()
    assert [page.title for page in ServicePage.objects.all()] == ["Bognor Parent Support"]


def test_a_value_our_pages_cannot_hold_writes_nothing_and_says_where(schemas, area):
    too_old = service_record(id="0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d", name="Second", minimum_age=130)
    with pytest.raises(ImportFailed) as failure:
        import_oruk([service_record(), too_old], publish=True)
    assert any(problem.startswith("$[1].minimum_age:") for problem in failure.value.problems)
    assert not OrganisationPage.objects.exists() and not ServicePage.objects.exists()


def test_a_service_without_an_organisation_is_refused(schemas, area):
    record = service_record()
    del record["organization"]
    with pytest.raises(ImportFailed) as failure:
        import_oruk([record])
    assert failure.value.problems[0].startswith("$[0]: the service names no organisation")


def test_locations_without_coordinates_are_placed_by_postcode(schemas, area):
    import_oruk([service_record()])
    location = ServicePage.objects.get().get_latest_revision_as_object().locations.get()
    assert (location.latitude, location.longitude) == pytest.approx((50.785, -0.676), abs=0.01)
    assert location.district.code == "E07000224"  # Arun


def test_given_coordinates_win_over_the_postcode_centroid(schemas, area):
    record = service_record()
    record["service_at_locations"][0]["location"].update(latitude=50.7861, longitude=-0.6785)
    import_oruk([record], publish=True)
    location = ServicePage.objects.get().locations.get()
    assert (location.latitude, location.longitude, location.district.code) == (50.7861, -0.6785, "E07000224")


def test_terms_map_by_our_ids_else_by_code_or_name_and_the_rest_are_reported(schemas, area):
    level_2 = {"id": str(oruk.term_id("need_level", "level-2")), "name": "whatever", "description": ""}
    by_code = {"id": "11111111-2222-4333-8444-555555555555", "name": "?", "description": "", "term": "ws-succeed"}
    by_name = {"id": "21111111-2222-4333-8444-555555555555", "name": "Universal", "description": ""}
    unknown = {"id": "31111111-2222-4333-8444-555555555555", "name": "Counselling", "description": ""}
    unknown["taxonomy"] = "esd"
    attributes = [
        {"id": f"4111111{n}-2222-4333-8444-555555555555", "taxonomy_term": term}
        for n, term in enumerate([level_2, by_code, by_name, unknown])
    ]
    report = import_oruk([service_record(attributes=attributes)])
    service = ServicePage.objects.get().get_latest_revision_as_object()
    assert sorted(tag.code for tag in service.need_levels.all()) == ["level-1", "level-2"]
    assert [tag.code for tag in service.outcomes.all()] == ["ws-succeed"]
    assert report.warnings == ["$[0].attributes[3]: 'Counselling' (esd) matches none of our vocabularies."]


def test_service_areas_become_districts_served(schemas, area):
    areas = [
        {"id": "51111111-2222-4333-8444-555555555555", "name": "Adur"},
        {"id": "61111111-2222-4333-8444-555555555555", "uri": oruk.ONS_GEOGRAPHY_URI + "E07000228"},
        {"id": "71111111-2222-4333-8444-555555555555", "name": "Atlantis"},
    ]
    report = import_oruk([service_record(service_areas=areas)])
    service = ServicePage.objects.get().get_latest_revision_as_object()
    assert sorted(d.code for d in service.districts_served.all()) == ["E07000223", "E07000228"]
    assert report.warnings == ["$[0].service_areas[2]: 'Atlantis' is not one of our districts."]


def test_a_summary_record_keeps_what_it_does_not_mention(schemas, area):
    import_oruk([service_record()], publish=True)
    summary = {key: value for key, value in service_record().items() if key != "service_at_locations"}
    summary["name"] = "Renamed"
    import_oruk([summary], publish=True)
    service = ServicePage.objects.get()
    assert service.title == "Renamed"
    assert [location.name for location in service.locations.all()] == ["Bognor Library"]


def test_the_profiles_examples_are_refused_for_their_impossible_places(schemas, area):
    # Their coordinates (100, 101) and postcode (ABC 1234) are no place on Earth: a family could not go there.
    examples = Path(settings.ORUK_SCHEMA_DIR) / "examples"
    for name, path in (
        ("service_full", "$"),
        ("organization_full", "$.services[0]"),
        ("service_at_location_full", "$.service"),
    ):
        report = import_oruk_source(str(examples / f"{name}.json"))
        assert report.complete and report.refused == 1, name
        assert report.errors == [
            f"{path}.service_at_locations[0].location.latitude: 100 is not a latitude",
            f"{path}.service_at_locations[0].location.addresses[0].postal_code: 'ABC 1234' is not a UK postcode",
        ]
    for name in ("service_list", "organization_list"):  # page 1 of 10 in a file: the rest cannot be fetched
        report = import_oruk_source(str(examples / f"{name}.json"))
        assert not report.complete and "this is one page of 10" in report.failure
    assert not ServicePage.objects.exists()


def test_the_profiles_example_imports_once_placed_and_says_what_could_not_be_kept(schemas, area):
    record = read_source(str(Path(settings.ORUK_SCHEMA_DIR) / "examples" / "service_full.json"))
    location = record["service_at_locations"][0]["location"]
    location.update(latitude=50.7861, longitude=-0.6785)
    location["addresses"][0]["postal_code"] = "PO21 1JF"
    report = import_oruk(record)
    assert "matches none of our vocabularies" in "\n".join(report.warnings)
    assert ServicePage.objects.get().title == "Community Counselling"


def test_a_taxonomy_file_is_refused_with_the_reason(schemas, area):
    taxonomy = read_source(str(Path(settings.ORUK_SCHEMA_DIR) / "examples" / "taxonomy.json"))
    with pytest.raises(ImportFailed, match="this is a taxonomy"):
        import_oruk(taxonomy)


def test_a_file_that_is_not_json_says_so(tmp_path, db):
    path = tmp_path / "notes.json"
    path.write_text("{ services: [ }", encoding="utf-8")
    with pytest.raises(CommandError, match="this is not JSON"):
        call_command("import_oruk", str(path))


@pytest.fixture
def loopback_server(tmp_path):
    """A web server on 127.0.0.1 serving tmp_path: the URL path works without any outside network."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_import_reads_from_an_address(tmp_path, schemas, area, loopback_server):
    (tmp_path / "feed.json").write_text(json.dumps([service_record()]), encoding="utf-8")
    call_command("import_oruk", f"{loopback_server}/feed.json", stdout=open(tmp_path / "log", "w"))  # noqa: SIM115
    assert ServicePage.objects.get().title == "Bognor Parent Support"


def test_an_address_that_cannot_be_reached_says_so(db):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(CommandError, match="could not fetch it"):
        call_command("import_oruk", f"http://127.0.0.1:{port}/feed.json", "--timeout", "2")


def test_exported_ids_are_kept_on_import(tmp_path, schemas, published_services):
    before = export(tmp_path)
    delete_everything()
    import_oruk(copy.deepcopy(before), publish=True)
    hub = ServicePage.objects.get(title="Worthing Family Hub")
    record = next(r for r in before if r["name"] == "Worthing Family Hub")
    assert str(hub.oruk_id) == record["id"]
    assert str(hub.get_parent().specific.oruk_id) == record["organization"]["id"]
    assert [str(loc.oruk_id) for loc in hub.locations.all()] == [
        link["location"]["id"] for link in record["service_at_locations"]
    ]
    assert DistrictTag.objects.filter(code="E07000223", services_serving=hub).exists()

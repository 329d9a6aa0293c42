"""Specifications for the search log: one row per search, nothing about the searcher, and its admin report."""

import datetime
import logging
import threading

import pytest
from django.contrib.auth.models import Permission, User

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.geo import Place
from directory.vocabularies import Weekday
from search import log as search_log
from search.log import BackgroundWriter, record_search, scrub
from search.models import SearchLogEntry
from search.query import ServiceQuery
from tests.browser.conftest import ensure_page_tree
from tests.refusal import assert_refused

WORTHING = "E07000229"

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    load_area("west-sussex")
    ServicePageFactory(title="Library story time").save_revision().publish()


def only_entry():
    assert SearchLogEntry.objects.count() == 1
    return SearchLogEntry.objects.get()


def every_value(entry):
    return " ".join(
        str(value) for value in (entry.text, entry.district_code, entry.place_kind, entry.filters, entry.result_count)
    )


def test_a_search_by_postcode_logs_the_district_and_never_the_postcode(client, directory):
    client.get("/search/", {"postcode": "BN11 1HS", "q": "story", "need_level": "level-1"})
    entry = only_entry()
    assert entry.district_code == WORTHING
    assert entry.place_kind == "postcode"
    assert entry.text == "story"
    assert entry.filters == {"need_levels": ["level-1"], "radius_miles": 5.0}
    assert entry.result_count == 0
    assert entry.via_api is False
    values = every_value(entry).upper().replace(" ", "")
    assert "BN111HS" not in values
    assert "BN11" not in values


def test_a_search_by_coordinates_logs_no_coordinates(client, directory):
    client.get("/search/", {"postcode": "50.8140,-0.3732"})
    entry = only_entry()
    assert entry.district_code == WORTHING
    assert "50.81" not in every_value(entry)
    assert "-0.37" not in every_value(entry)


def test_the_log_has_no_field_for_an_ip_address_or_a_person():
    names = {field.name for field in SearchLogEntry._meta.get_fields()}
    assert names == {
        "id",
        "searched_at",
        "text",
        "corrected_text",
        "district_code",
        "place_kind",
        "filters",
        "result_count",
        "via_api",
    }


def test_the_result_count_is_logged(client, directory):
    client.get("/search/", {"postcode": "BN11 1HS"})
    assert only_entry().result_count == 1


def test_an_api_search_is_logged_as_such(client, directory):
    client.get("/api/search", {"postcode": "BN11 1HS", "free": "true"})
    entry = only_entry()
    assert entry.via_api is True
    assert entry.district_code == WORTHING
    assert entry.filters == {"free_only": True, "radius_miles": 5.0}


def test_later_pages_are_not_logged_again(client, directory):
    client.get("/search/", {"q": "story"})
    client.get("/search/", {"q": "story", "page": "2"})
    client.get("/api/search", {"q": "story", "page": "3"})
    assert SearchLogEntry.objects.count() == 1


def test_a_search_with_errors_is_not_logged(client, directory):
    client.get("/search/", {"postcode": "Nowhereville"})
    client.get("/api/search", {"radius": "99"})
    assert not SearchLogEntry.objects.exists()


def test_opening_the_search_page_without_asking_anything_is_not_logged(client, directory):
    client.get("/search/")
    assert not SearchLogEntry.objects.exists()


def test_the_words_are_cut_to_200_characters():
    record_search(ServiceQuery(text="word " * 100), 0)
    assert len(only_entry().text) == 200


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("parenting BN11 1HS", "parenting [postcode]"),
        ("autism bn111hs", "autism [postcode]"),
        ("call me 07700 900123", "call me [number]"),
        ("jo@example.com food bank", "[email] food bank"),
        ("near 50.814, -0.373", "near [place]"),
        ("KS2 tutoring", "KS2 tutoring"),
    ],
)
def test_a_postcode_phone_email_or_coordinates_typed_as_words_is_not_kept(typed, kept):
    assert scrub(typed) == kept


def test_each_kind_of_filter_is_logged_as_a_plain_code():
    query = ServiceQuery(
        text="stay and play",
        day=2,
        topics=("play", "parenting"),
        opens_after=datetime.time(9, 30),
        on_date=datetime.date(2026, 3, 14),
        free_only=True,
    )
    record_search(query, 3)
    assert only_entry().filters == {
        "day": Weekday(2).code,
        "topics": ["play", "parenting"],
        "opens_after": "09:30",
        "on_date": "2026-03-14",
        "free_only": True,
    }


def test_the_corrected_words_are_scrubbed_too():
    record_search(ServiceQuery(text="speach therapy"), 0, corrected_text="speech therapy jo@example.com")
    entry = only_entry()
    assert (entry.text, entry.corrected_text) == ("speach therapy", "speech therapy [email]")
    assert (entry.district_code, entry.place_kind, entry.via_api) == ("", "", False)


def test_a_search_for_nothing_but_a_filter_is_logged():
    assert record_search(ServiceQuery(free_only=True), 5) is not None
    entry = only_entry()
    assert (entry.text, entry.corrected_text, entry.district_code, entry.place_kind) == ("", "", "", "")


def test_a_place_outside_every_district_logs_no_district():
    place = Place(label="at sea", latitude=50.5, longitude=-0.5, lad_code=None, kind="coordinates")
    record_search(ServiceQuery(near=place), 0)
    entry = only_entry()
    assert (entry.district_code, entry.place_kind) == ("", "coordinates")


def test_a_failing_log_write_does_not_break_the_search(client, directory, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(SearchLogEntry.objects, "create", broken)
    response = client.get("/search/", {"postcode": "BN11 1HS"})
    assert response.status_code == 200
    assert "Library story time" in response.content.decode()
    assert client.get("/api/search", {"postcode": "BN11 1HS"}).status_code == 200


# --- The background writer: the site's way, so no search waits for its row ------------------------


@pytest.mark.django_db(transaction=True)  # the writer's thread has its own connection: rows must be committed
def test_the_search_answers_before_its_row_is_written_and_the_row_follows(client, settings, monkeypatch):
    ensure_page_tree()  # an earlier transactional test's flush may have removed the home page and site
    load_area("west-sussex")
    ServicePageFactory(title="Library story time").save_revision().publish()
    settings.SEARCH_LOG_IN_BACKGROUND = True
    writer, release = BackgroundWriter(), threading.Event()
    write = search_log._write

    def held_write(fields):
        release.wait(timeout=10)  # as a write waits behind another writer's lock
        return write(fields)

    monkeypatch.setattr(search_log, "background_writer", writer)
    monkeypatch.setattr(search_log, "_write", held_write)
    response = client.get("/search/", {"postcode": "BN11 1HS", "q": "story jo@example.com"})
    assert "Library story time" in response.content.decode()
    assert not SearchLogEntry.objects.exists()  # answered while the write was still held
    release.set()
    writer.stop()  # writes what waits, then closes the thread's connection
    assert not writer._thread
    entry = only_entry()
    assert (entry.text, entry.district_code, entry.result_count) == ("story [email]", WORTHING, 1)


def test_a_writer_that_is_behind_drops_the_row_and_says_so_never_the_search(caplog, monkeypatch):
    writer, release = BackgroundWriter(max_waiting=1), threading.Event()
    written = []

    def held_write(fields):
        release.wait(timeout=10)
        written.append(fields["text"])

    monkeypatch.setattr(search_log, "_write", held_write)
    with caplog.at_level(logging.WARNING, logger="earlyhelp.search"):
        writer.put({"text": "first"})  # taken by the thread, which is then held
        assert writer._thread.daemon  # a worker that is told to stop does not wait for the writer's endless loop
        for _ in range(100):  # until the thread has taken it off the queue
            if writer._rows.empty():
                break
            threading.Event().wait(0.01)
        writer.put({"text": "second"})  # waits in the queue of one
        writer.put({"text": "third"})  # no room: dropped
    release.set()
    writer.flush()
    writer.stop()
    assert written == ["first", "second"]
    assert "a search was not logged" in caplog.text


# --- The admin report -----------------------------------------------------------------------------


def log(text, district="", results=1, via_api=False):
    SearchLogEntry.objects.create(text=text, district_code=district, result_count=results, via_api=via_api)


@pytest.fixture
def commissioner(client):
    user = User.objects.create_user("commissioner", password="pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_searchlogentry")
    )
    client.force_login(user)
    return user


def test_the_report_lists_searches_by_words_and_district_with_unmet_ones_first(client, commissioner):
    load_area("west-sussex")
    for _ in range(3):
        log("parenting", WORTHING, results=4)
    log("Autism", WORTHING, results=0)
    log("autism", WORTHING, results=2)
    response = client.get("/admin/reports/search-log/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("autism") < html.index("parenting")
    assert "Worthing" in html


def test_the_report_can_be_filtered_by_district(client, commissioner):
    load_area("west-sussex")
    log("parenting", WORTHING)
    log("youth club", "E07000224")
    html = client.get("/admin/reports/search-log/results/", {"district_code": WORTHING}).content.decode()
    assert "parenting" in html
    assert "youth club" not in html


def test_the_report_exports_as_csv(client, commissioner):
    log("food bank", results=0)
    response = client.get("/admin/reports/search-log/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert "food bank" in content.decode()


def test_the_report_is_refused_to_an_editor_without_the_permission(client):
    user = User.objects.create_user("editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/reports/search-log/")
    assert_refused(response)


@pytest.mark.django_db
def test_the_directory_team_may_read_the_search_log(client, django_user_model):
    from django.contrib.auth.models import Group

    commissioner = django_user_model.objects.create_user("commissioner", password="pw")
    commissioner.groups.add(Group.objects.get(name="Directory team"))
    assert commissioner.has_perm("search.view_searchlogentry")


def test_the_report_shows_what_a_misspelt_search_was_corrected_to(client, commissioner):
    SearchLogEntry.objects.create(text="brestfeeding", corrected_text="breastfeeding", result_count=3)
    html = client.get("/admin/reports/search-log/").content.decode()
    assert "Spelling corrected to" in html
    assert html.index("brestfeeding") < html.index("breastfeeding", html.index("brestfeeding"))

"""Connecting to a secured cluster, the start-up check, honest errors and /healthz (issue 19 points 1 and 2)."""

import json
import logging
import ssl

import pytest
from django.core.cache import cache
from django.test import override_settings

from search import checks
from search.backends import elasticsearch as es
from search.backends.base import SearchUnavailable
from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import ElasticsearchSearchBackend, SearchRejected, connection_options, with_port
from search.backends.fallback import FALLBACK_COUNT_KEY, FallbackBackend, fallback_count
from search.query import ServiceQuery
from tests.search import test_elasticsearch_queries as queries
from tests.search.test_elasticsearch_queries import WORTHING, _answer, _hit

# The stand-in server and the seeded synonyms, shared with the request-shape tests.
stand_in, published_service, synonyms = queries.stand_in, queries.published_service, queries.synonyms

# --- connection settings ---------------------------------------------------------------


def test_an_api_key_and_the_generated_ca_are_given_to_the_client():
    options = connection_options(url="https://es.example:9200", ca_certs="/etc/es/http_ca.crt", api_key="abc==")
    assert options["hosts"] == "https://es.example:9200"
    assert (options["ca_certs"], options["api_key"]) == ("/etc/es/http_ca.crt", "abc==")
    assert "basic_auth" not in options


def test_a_user_and_password_are_basic_auth():
    options = connection_options(url="https://es.example:9200", user="elastic", password="changeme")
    assert options["basic_auth"] == ("elastic", "changeme")


def test_a_cloud_id_replaces_the_url():
    options = connection_options(cloud_id="earlyhelp:abc", api_key="k")
    assert options["cloud_id"] == "earlyhelp:abc"
    assert "hosts" not in options


def test_the_client_never_retries_so_the_fallback_answers_within_one_timeout():
    options = connection_options(url="http://127.0.0.1:9200", timeout=0.5)
    assert (options["request_timeout"], options["max_retries"], options["retry_on_timeout"]) == (0.5, 0, False)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://es.example", "https://es.example:443"),
        ("http://es.example/", "http://es.example:80/"),
        ("https://es.example:9243", "https://es.example:9243"),
    ],
)
def test_a_url_without_a_port_gets_its_schemes_port(url, expected):
    assert with_port(url) == expected


def test_options_are_read_from_settings_unless_given():
    with override_settings(ELASTICSEARCH_API_KEY="from-settings", ELASTICSEARCH_REPLICAS=1):
        backend = ElasticsearchSearchBackend.from_params({"CA_CERTS": "/ca.crt"})
        assert backend.connection()["api_key"] == "from-settings"
        assert backend.connection()["ca_certs"] == "/ca.crt"
        assert backend.index_body()["settings"]["number_of_replicas"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["localhost:9200", "ftp://es.example", "http://"])
def test_a_malformed_url_is_unavailable_never_a_500(url, published_service):
    with override_settings(ELASTICSEARCH_URL=url):
        with pytest.raises(SearchUnavailable):
            ElasticsearchSearchBackend().search(ServiceQuery())
        fallback = FallbackBackend(ElasticsearchSearchBackend(), DatabaseSearchBackend())
        assert fallback.search(ServiceQuery()).backend == "database"


# --- the start-up check ------------------------------------------------------------------


def _ids(**overrides):
    with override_settings(**overrides):
        return [message.id for message in checks.elasticsearch_settings()]


def test_no_cluster_configured_needs_no_check():
    assert _ids(ELASTICSEARCH_URL="", ELASTICSEARCH_CLOUD_ID="") == []


def test_a_good_configuration_passes(tmp_path):
    ca = tmp_path / "http_ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    assert (
        _ids(ELASTICSEARCH_URL="https://127.0.0.1:9200", ELASTICSEARCH_CA_CERTS=str(ca), ELASTICSEARCH_API_KEY="k")
        == []
    )


def test_a_url_without_a_port_passes():
    assert _ids(ELASTICSEARCH_URL="https://es.example") == []


@pytest.mark.parametrize("url", ["localhost:9200", "es.example", "ftp://es.example", "https://:9200"])
def test_a_malformed_url_is_an_error_naming_the_setting(url):
    with override_settings(ELASTICSEARCH_URL=url):
        (error,) = checks.elasticsearch_settings()
    assert error.id == "search.E002"
    assert "ELASTICSEARCH_URL" in error.msg


def test_a_missing_ca_file_is_an_error_naming_the_setting():
    with override_settings(ELASTICSEARCH_URL="https://es.example:9200", ELASTICSEARCH_CA_CERTS="/nowhere/ca.crt"):
        (error,) = checks.elasticsearch_settings()
    assert (error.id, "ELASTICSEARCH_CA_CERTS" in error.msg) == ("search.E003", True)


def test_an_api_key_and_a_user_together_are_an_error():
    ids = _ids(
        ELASTICSEARCH_URL="https://es.example:9200",
        ELASTICSEARCH_API_KEY="k",
        ELASTICSEARCH_USER="elastic",
        ELASTICSEARCH_PASSWORD="p",
    )
    assert ids == ["search.E004"]


def test_a_user_without_a_password_is_an_error():
    assert _ids(ELASTICSEARCH_URL="https://es.example:9200", ELASTICSEARCH_USER="elastic") == ["search.E005"]


def test_a_url_and_a_cloud_id_together_are_an_error():
    assert _ids(ELASTICSEARCH_URL="https://es.example:9200", ELASTICSEARCH_CLOUD_ID="x:y") == ["search.E001"]


def test_credentials_over_plain_http_are_warned_about():
    assert _ids(ELASTICSEARCH_URL="http://es.example:9200", ELASTICSEARCH_API_KEY="k") == ["search.W001"]


def test_an_unreachable_cluster_is_a_warning_at_start_up(closed_port_url):
    with override_settings(ELASTICSEARCH_URL=closed_port_url):
        (warning,) = checks.elasticsearch_analysis_is_current()
    assert warning.id == "search.W002"


def test_an_index_made_with_another_analysis_must_be_rebuilt(stand_in):
    alias = "test_earlyhelp-services"
    stand_in.script.append(
        ("GET", f"/{alias}/_mapping", 200, {f"{alias}-1": {"mappings": {"_meta": {"analysis_hash": "old"}}}})
    )
    (warning,) = checks.elasticsearch_analysis_is_current()
    assert warning.id == "search.W003"
    assert "rebuild_search_index" in warning.hint


def test_an_index_made_with_todays_analysis_passes(stand_in):
    alias = "test_earlyhelp-services"
    current = ElasticsearchSearchBackend().index_body()["mappings"]["_meta"]
    stand_in.script.append(("GET", f"/{alias}/_mapping", 200, {f"{alias}-1": {"mappings": {"_meta": current}}}))
    assert checks.elasticsearch_analysis_is_current() == []


# --- honest errors -----------------------------------------------------------------------


@pytest.fixture
def no_vocabularies(monkeypatch):
    monkeypatch.setattr(es, "_vocabularies", lambda: {})
    monkeypatch.setattr(DatabaseSearchBackend, "search", lambda self, query: "from the database")
    cache.delete(FALLBACK_COUNT_KEY)


def _with_fallback():
    return FallbackBackend(ElasticsearchSearchBackend(), DatabaseSearchBackend())


def test_a_request_the_cluster_refuses_is_raised_and_logged_without_the_searchers_words(
    stand_in, no_vocabularies, search_log
):
    error = {"error": {"type": "illegal_argument_exception", "reason": "Result window is too large"}, "status": 400}
    stand_in.script.insert(0, ("POST", "/_msearch", 400, error))
    with pytest.raises(SearchRejected):
        _with_fallback().search(ServiceQuery(text="parenting", near=WORTHING))
    assert "rejected a request (400 illegal_argument_exception)" in search_log.text
    assert '"sort"' in search_log.text  # the body's shape is logged
    assert "parenting" not in search_log.text
    assert str(WORTHING.latitude) not in search_log.text
    assert fallback_count() == 0


def test_a_refused_part_of_a_multi_search_is_a_bug_not_unavailability(stand_in, no_vocabularies):
    item = {"error": {"type": "search_phase_execution_exception"}, "status": 400}
    stand_in.script.insert(0, ("POST", "/_msearch", 200, {"responses": [item]}))
    with pytest.raises(SearchRejected):
        ElasticsearchSearchBackend().search(ServiceQuery())


def test_in_production_a_refused_request_is_answered_by_the_fallback_and_counted(stand_in, no_vocabularies, search_log):
    stand_in.script.insert(0, ("POST", "/_msearch", 400, {"error": {"type": "parsing_exception"}, "status": 400}))
    with override_settings(ELASTICSEARCH_RAISE_REJECTED=False):
        assert _with_fallback().search(ServiceQuery()) == "from the database"
    assert fallback_count() == 1
    assert [r.levelno for r in search_log.records if "rejected" in r.getMessage()] == [logging.ERROR]


@pytest.mark.parametrize("status", [500, 503, 429, 401, 403])
def test_unavailability_falls_back_and_is_counted(stand_in, no_vocabularies, status):
    stand_in.script.insert(0, ("POST", "/_msearch", status, {"error": {"type": "x"}, "status": status}))
    assert _with_fallback().search(ServiceQuery()) == "from the database"
    assert fallback_count() == 1


def test_a_tls_failure_falls_back(stand_in, no_vocabularies, tmp_path):
    # The stand-in speaks plain HTTP: an https client's handshake fails, as with an expired or unknown CA.
    url = f"https://127.0.0.1:{stand_in.server_address[1]}"
    with override_settings(ELASTICSEARCH_URL=url, ELASTICSEARCH_TIMEOUT=1):
        assert _with_fallback().search(ServiceQuery()) == "from the database"
    assert fallback_count() == 1
    assert ssl  # the handshake error is an ssl.SSLError inside the client's ConnectionError


def test_a_deep_page_asks_the_cluster_for_nothing_past_the_window(stand_in, no_vocabularies):
    stand_in.script.insert(0, ("POST", "/_msearch", 200, {"responses": [_answer(20_000)]}))
    results = ElasticsearchSearchBackend().search(ServiceQuery(page=600, page_size=20))
    ((_, body),) = [(path, body) for method, path, body in stand_in.requests if method == "POST"]
    search = json.loads(body.strip().splitlines()[1])
    assert search["from"] + search["size"] <= es.MAX_RESULT_WINDOW
    assert (results.total, results.items) == (20_000, [])


def test_a_correction_is_read_into_the_results(stand_in, no_vocabularies):
    answer = _answer(1, _hit(1, "Breastfeeding Cafe"))
    answer["suggest"] = {"spelling": [{"text": "brestfeeding", "options": [{"text": "breastfeeding"}]}]}
    stand_in.script.insert(0, ("POST", "/_msearch", 200, {"responses": [answer]}))
    results = ElasticsearchSearchBackend().search(ServiceQuery(text="brestfeeding"))
    assert (results.corrected_text, results.original_text) == ("breastfeeding", "brestfeeding")


# --- /healthz ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_says_the_database_answers_without_a_cluster(client):
    cache.delete(FALLBACK_COUNT_KEY)
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "search": {"configured": "database", "answering": "database", "fallbacks": 0},
    }


@pytest.mark.django_db
def test_healthz_says_when_the_fallback_answers_and_how_often(client, closed_port_url):
    cache.set(FALLBACK_COUNT_KEY, 3, None)
    backends = {
        "default": {"BACKEND": "search.backends.fallback", "PRIMARY": "elasticsearch", "FALLBACK": "database"},
        "database": {"BACKEND": "search.backends.database"},
        "elasticsearch": {"BACKEND": "search.backends.elasticsearch"},
    }
    with override_settings(ELASTICSEARCH_URL=closed_port_url, SEARCH_BACKENDS=backends):
        answer = client.get("/healthz").json()
    assert answer == {
        "status": "degraded",
        "search": {"configured": "elasticsearch", "answering": "database", "fallbacks": 3},
    }
    cache.delete(FALLBACK_COUNT_KEY)


def test_healthz_says_elasticsearch_answers_when_it_does(stand_in, client):
    stand_in.script.insert(0, ("GET", "/", 200, {"version": {"number": "8.19.3"}, "tagline": "You Know, for Search"}))
    assert ElasticsearchSearchBackend().available()
    assert FallbackBackend(ElasticsearchSearchBackend(), DatabaseSearchBackend()).answering() == "elasticsearch"


def test_a_cluster_without_the_index_yet_is_told_to_rebuild(stand_in):
    alias = "test_earlyhelp-services"
    stand_in.script.append(("GET", f"/{alias}/_mapping", 404, {"error": {"type": "index_not_found_exception"}}))
    (warning,) = checks.elasticsearch_analysis_is_current()
    assert (warning.id, "none recorded" in warning.msg) == ("search.W003", True)


def test_relevance_keeps_scores_for_the_band_script():
    assert es.search_body(ServiceQuery(text="autism"))["track_scores"] is True
    assert "track_scores" not in es.search_body(ServiceQuery(sort="name"))


def test_results_beyond_the_window_say_only_the_first_ten_thousand_can_be_shown():
    from search.query import SearchResults

    many = SearchResults(query=ServiceQuery(page_size=20), total=25_000, items=[])
    assert (many.page_count, many.showing_first) == (500, 10_000)
    few = SearchResults(query=ServiceQuery(page_size=20), total=41, items=[])
    assert (few.page_count, few.showing_first) == (3, None)


def test_the_page_says_only_the_first_ten_thousand_are_shown():
    from django.template.loader import render_to_string

    from search.query import SearchResults

    many = SearchResults(query=ServiceQuery(), total=25_000, items=[])
    assert "Showing the first 10,000" in render_to_string("search/includes/echo.html", {"results": many})
    few = SearchResults(query=ServiceQuery(), total=5, items=[])
    assert "Showing the first" not in render_to_string("search/includes/echo.html", {"results": few})

"""The Elasticsearch backend: one document per published service, queried with the client's DSL.

The request bodies are built by pure functions (index_body, service_source, search_body, count_body,
suggest_body) so they can be checked without a cluster. When the cluster cannot answer (down, slow,
a server error, index missing) the backend raises SearchUnavailable; FallbackBackend decides what then.

Over 400 lines on purpose: `elasticsearch` is imported in this one module (STYLE.md), so its
request builders live here beside the backend.

How words are matched (the same rule as the database backend, see tests/contract/cases.py):
- the query text is read by search/text.py's words() (apostrophes, hyphens, digits, accents): both
  backends see the same words, and filler words never exclude a service;
- any word finds a service (operator or, minimum_should_match 1), ranked by BM25 on name^3 topics^3
  summary^2 organisation text; a misspelt word matches with fuzziness AUTO, a common English word or a
  synonym group's word only as typed (search/spelling.py);
- every typed word of PREFIX_MIN_LETTERS or more letters also matches the words it starts ("autis"
  finds "autism"), as the database's FTS5 `"word"*` does, but a short everyday word does not ("sons"
  must not find "songs": search/spelling.py's whole_words);
- relevance sorts in bands (floor of 4 * ln(1 + score)), then fresh before stale (checked within
  STALE_AFTER_DAYS), then distance when a place is given, then name: with a place and no words every
  score is equal, so relevance is distance order, as in the database;
- near a place, the services serving its district come after the near ones, except that ranked by the
  words those in their best band come before the near ones in a worse band (_strong, _page_of), as the
  database's Plan.statement orders them.
"""

import contextlib
import functools
import hashlib
import json
import logging
import math
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import elasticsearch
from django.conf import settings
from django.utils import timezone
from elasticsearch import helpers
from elasticsearch.dsl import (
    Boolean,
    Date,
    GeoPoint,
    Integer,
    Keyword,
    Mapping,
    Nested,
    Object,
    Q,
    Search,
    Text,
    analyzer,
    normalizer,
    token_filter,
)
from elasticsearch.dsl import Index as IndexDefinition

from directory.schedules import EVENING
from directory.vocabularies import CONTROLLED, Weekday, controlled_terms
from search import query as contract
from search.backends.base import BaseSearchBackend, SearchUnavailable
from search.documents import service_document, topic_slug
from search.offer_filters import OFFER_FIELDS, offer_codes
from search.query import RESULT_WINDOW, FacetValue, ResultLocation, SearchResults
from search.results import result_item
from search.spelling import meant_as_typed, whole_words
from search.suggestions import make_suggestions
from search.text import elasticsearch_synonyms, expand, phrase, tokens, words

logger = logging.getLogger("earlyhelp.search")

VOCABULARY_FIELDS = tuple(vocabulary.field for vocabulary in CONTROLLED)
BULK_CHUNK = 500
# Making an index and loading it in bulk may take longer than a search should ever wait.
REBUILD_TIMEOUT = 120


TEXT_FIELDS = ["name^3", "topics^3", "summary^2", "organisation", "text"]
PREFIX_FIELDS = ["name", "topics", "summary", "text"]
PREFIX_MIN_LETTERS = 3
STALE_AFTER_DAYS = 365
# index.max_result_window: a request with from + size beyond it is a 400. Pages past it are capped.
MAX_RESULT_WINDOW = RESULT_WINDOW
# Statuses that mean "cannot answer now" rather than "asked wrongly": a wrong or expired key (401, 403,
# also a read-only index on a full disk), the index missing (404), overloaded (408, 429), a server error.
UNAVAILABLE_STATUSES = frozenset({401, 403, 404, 408, 429})


class SearchRejected(Exception):
    """The cluster refused a request as malformed (a 4xx): a bug in a request builder, never a fallback."""


# What counts as "the cluster cannot answer": refused, reset, timed out, TLS failed, a server error,
# the index missing, credentials refused. Any other error (a 400 for a malformed request) is a bug.
def unavailable(error):
    if isinstance(error, elasticsearch.TransportError | SearchUnavailable):
        return True
    return isinstance(error, elasticsearch.ApiError) and unavailable_status(error.status_code)


def unavailable_status(status):
    return not isinstance(status, int) or status >= 500 or status in UNAVAILABLE_STATUSES


UNAVAILABLE = (elasticsearch.ApiError, elasticsearch.TransportError, SearchUnavailable)


# --- the index ---------------------------------------------------------------------

english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
english_possessive = token_filter("english_possessive", type="stemmer", language="possessive_english")
# "Name" and "name" and "Náme" sort together: keyword sort keys folded, not byte order.
folded = normalizer("earlyhelp_folded", filter=["lowercase", "asciifolding"])


def synonym_set_name(alias):
    """The synonyms set (8.10+ synonyms API) the search analyser reads: one per alias."""
    return f"{alias}-synonyms"


def index_body(alias="earlyhelp-services", shards=1, replicas=0):
    """Settings and mappings for a new index: folded English stemming, and the synonyms added at search time.

    The synonyms live in a synonyms set, not in the settings: saving a SynonymGroup replaces the set and
    Elasticsearch reloads the search analysers, no rebuild. _meta.analysis_hash fingerprints everything
    else, so a deploy that changes the analysis is detected (search/checks.py).
    """
    # synonym_graph only belongs in a search analyser, where it can also be updateable.
    synonyms = token_filter(
        "earlyhelp_synonyms", type="synonym_graph", synonyms_set=synonym_set_name(alias), updateable=True
    )
    words = analyzer(
        "earlyhelp_english",
        tokenizer="standard",
        filter=["lowercase", english_possessive, "asciifolding", english_stemmer],
    )
    words_with_synonyms = analyzer(
        "earlyhelp_english_synonyms",
        tokenizer="standard",
        filter=["lowercase", english_possessive, "asciifolding", synonyms, english_stemmer],
    )
    # Unstemmed, folded words: what the spelling suggester offers ("breastfeeding", not "breastfeed").
    spelling = analyzer("earlyhelp_spelling", tokenizer="standard", filter=["lowercase", "asciifolding"])

    def text(**kwargs):
        return Text(analyzer=words, search_analyzer=words_with_synonyms, copy_to="spelling", **kwargs)

    mapping = Mapping()
    mapping.meta("dynamic", False)
    mapping.field("service_id", Integer())
    mapping.field("name", text(fields={"raw": Keyword(normalizer=folded)}))
    mapping.field("url", Keyword(index=False))
    mapping.field("summary", text())
    mapping.field("organisation", text(fields={"raw": Keyword(normalizer=folded)}))
    mapping.field("text", text())
    mapping.field("topics", text(fields={"raw": Keyword()}))
    mapping.field("spelling", Text(analyzer=spelling))
    mapping.field("cost", Keyword())
    mapping.field("self_referral", Boolean())
    mapping.field("min_age", Integer())
    mapping.field("max_age", Integer())
    for name in (*VOCABULARY_FIELDS, "served_districts", "delivery", "languages", "days", *OFFER_FIELDS):
        mapping.field(name, Keyword())
    mapping.field("topic_slugs", Keyword())
    mapping.field(
        "openings",
        Nested(
            properties={
                "day": Integer(),
                "opens": Keyword(),
                "closes": Keyword(),
                "valid_from": Date(),
                "valid_to": Date(),
                "date": Date(),
            }
        ),
    )
    mapping.field("evening", Boolean())
    mapping.field("last_reviewed", Date())
    mapping.field("card", Object(enabled=False))
    # Kept for the cards, never queried: not indexed (the geo_point below is what is searched).
    mapping.field("locations", Object(enabled=False))
    # Every location again as one multi-valued geo_point: geo_distance matches a service when any
    # location is inside the radius, and the _geo_distance sort (mode min) uses its nearest one.
    mapping.field("location", GeoPoint())

    index = IndexDefinition(alias)
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    index.mapping(mapping)
    body = index.to_dict()
    body["mappings"]["_meta"] = {"analysis_hash": analysis_hash(body)}
    return body


def analysis_hash(body):
    """A fingerprint of the analysis and the mapping (not shards, replicas or _meta): what a rebuild changes."""
    analysis = body.get("settings", {}).get("analysis", {})
    mappings = {key: value for key, value in body.get("mappings", {}).items() if key != "_meta"}
    text = json.dumps({"analysis": analysis, "mappings": mappings}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def synonym_rules():
    """The synonyms set's rules: one per SynonymGroup, in Solr format ("asd, autism")."""
    return [{"id": f"group-{n}", "synonyms": rule} for n, rule in enumerate(elasticsearch_synonyms(), start=1)]


def service_source(document):
    """The Elasticsearch document for a service, from search.documents.service_document()."""
    points = [{"lat": place["latitude"], "lon": place["longitude"]} for place in document["locations"]]
    return {
        "service_id": document["id"],
        "name": document["name"],
        "url": document["url"],
        "summary": document["summary"],
        "organisation": document["organisation"],
        "text": document["text"],
        "topics": document["topics"],
        "cost": document["cost"],
        "self_referral": document["self_referral"],
        "min_age": document["min_age"],
        "max_age": document["max_age"],
        "outcomes": document["outcomes"],
        "need_levels": document["need_levels"],
        "age_bands": document["age_bands"],
        "districts": document["districts"],
        "served_districts": document["served_districts"],
        "delivery": document["delivery"],
        "languages": document["languages"],
        "days": document["days"],
        "topic_slugs": document.get("topic_slugs", []),
        **{field: document.get(field, []) for field in OFFER_FIELDS},
        "openings": document.get("openings", []),
        "evening": document.get("evening", False),
        "last_reviewed": document["last_reviewed"],
        "card": document["card"],
        "locations": [
            {
                "id": place["id"],
                "name": place["name"],
                "town": place["town"],
                "postcode": place["postcode"],
                "district": place["district"],
                "location": point,
            }
            for place, point in zip(document["locations"], points, strict=True)
        ],
        "location": points,
    }


# --- the queries -------------------------------------------------------------------


def text_query(text):
    """Any typed word (less the filler ones), misspelt or as a prefix, or any synonym phrase; None for no words."""
    typed = words(text)
    if not typed:
        return None
    # Each word once: common English words and the synonym groups' words as typed, the rest allowing for
    # misspelling (search.spelling: "sons" must not find "songs").
    as_typed = meant_as_typed(typed)
    fuzzy = [word for word in typed if word not in as_typed and word.isalpha()]  # nobody misspells a number
    exact = [word for word in typed if word not in fuzzy]
    should = [
        Q(
            "multi_match",
            query=" ".join(group),
            fields=TEXT_FIELDS,
            operator="or",
            minimum_should_match="1",
            **({"fuzziness": "AUTO", "prefix_length": 1} if group is fuzzy else {}),
        )
        for group in (exact, fuzzy)
        if group
    ]
    # The prefix rule: a word of PREFIX_MIN_LETTERS or more also matches the longer words it starts.
    whole = whole_words(typed)
    should += [
        Q("multi_match", query=word, type="phrase_prefix", fields=PREFIX_FIELDS, max_expansions=50)
        for word in typed
        if len(word) >= PREFIX_MIN_LETTERS and word not in whole
    ]
    should += [Q("multi_match", query=phrase, type="phrase", fields=TEXT_FIELDS) for phrase in expand(text)]
    return Q("bool", should=should, minimum_should_match=1)


def spelling_suggestion(text):
    """The term suggester over the unstemmed words: a correction for each typed word the index lacks."""
    typed = words(text)
    if not typed:
        return None
    return {
        "text": " ".join(typed),
        "spelling": {"term": {"field": "spelling", "suggest_mode": "missing", "size": 1, "min_word_length": 4}},
    }


def corrected_text(answer, text):
    """The typed words with each misspelt one replaced by the suggester's first option; "" when none was."""
    entries = answer.get("suggest", {}).get("spelling", [])
    corrections = {entry["text"]: entry["options"][0]["text"] for entry in entries if entry.get("options")}
    for word in meant_as_typed(corrections):
        del corrections[word]
    if not corrections:
        return ""
    return " ".join(corrections.get(word, word) for word in tokens(text))


def _page_of(segments, start, end):
    """[(serves, index in its own list)] for the positions start to end of a list made of `segments`, each
    (serves, first index, how many): the services serving the area and the near ones, in turns."""
    page, position = [], 0
    for serves, first, count in segments:
        skip = max(0, start - position)
        page += [(serves, first + offset) for offset in range(skip, min(count, end - position))]
        position += count
    return page


def plain_filters(query):
    """The filters that are not facets: age, cost, self-referral, delivery, language, day."""
    filters = []
    if query.age is not None:
        filters += age_range_filters(query.age, query.age)
    if query.free_only:
        filters.append(Q("term", cost="free"))
    if query.self_referral:
        filters.append(Q("term", self_referral=True))
    if query.delivery:
        filters.append(Q("terms", delivery=list(query.delivery)))
    if query.languages:
        filters.append(Q("terms", languages=[language.lower() for language in query.languages]))
    if query.day is not None:
        filters.append(Q("term", days=Weekday(query.day).code))
    if query.topics:
        filters.append(Q("terms", topic_slugs=sorted({topic_slug(topic) for topic in query.topics})))
    if query.age_range is not None:
        filters += age_range_filters(*query.age_range)
    if query.opens_after is not None or query.closes_before is not None:
        filters.append(opening_filter(query))
    # Every code chosen, each its own filter: a service needs all of them.
    filters += [Q("term", **{field: code}) for field, code in offer_codes(query)]
    filters += [Q("term", served_districts=code) for code in query.serves_all]
    return filters + when_filters(query)


def when_filters(query):
    """Weekends, evenings, a date or now: as the database backend (search/backends/database/plan.py)."""
    filters = []
    if query.weekends:
        filters.append(Q("terms", days=[Weekday.SATURDAY.code, Weekday.SUNDAY.code]))
    moment = query.session_moment()
    if query.evenings and moment is None:
        filters.append(Q("term", evening=True))
    if moment is None:
        return filters
    day, clock = moment
    if day is None:
        return [*filters, Q("match_none")]
    within = [
        Q("term", **{"openings.day": day.weekday()}),
        Q("range", **{"openings.valid_from": {"lte": day.isoformat()}}),
        Q("range", **{"openings.valid_to": {"gte": day.isoformat()}}),
    ]
    if clock is not None:
        within.append(Q("range", **{"openings.opens": {"lte": clock.strftime("%H:%M:%S")}}))
        within.append(Q("range", **{"openings.closes": {"gt": clock.strftime("%H:%M:%S")}}))
    if query.evenings:
        within.append(Q("range", **{"openings.closes": {"gt": EVENING.strftime("%H:%M:%S")}}))
    return [*filters, Q("nested", path="openings", query=Q("bool", filter=within))]


def _no_limit_or(field, bound, value):
    """A service with no youngest (or oldest) age has no limit on that side."""
    return Q("bool", should=[~Q("exists", field=field), Q("range", **{field: {bound: value}})], minimum_should_match=1)


def age_range_filters(youngest, oldest):
    """Services whose ages overlap youngest to oldest."""
    return [_no_limit_or("min_age", "lte", oldest), _no_limit_or("max_age", "gte", youngest)]


def opening_filter(query):
    """One opening (on the day asked, else any) from opens_after or later, until closes_before or earlier."""
    within = []
    if query.day is not None:
        within.append(Q("term", **{"openings.day": query.day}))
    if query.opens_after is not None:
        within.append(Q("range", **{"openings.opens": {"gte": query.opens_after.strftime("%H:%M:%S")}}))
    if query.closes_before is not None:
        within.append(Q("range", **{"openings.closes": {"lte": query.closes_before.strftime("%H:%M:%S")}}))
    return Q("nested", path="openings", query=Q("bool", filter=within))


def vocabulary_filters(query):
    """The vocabulary values the searcher chose, by facet: any of the chosen values matches."""
    return {
        name: Q("terms", **{name: list(getattr(query, name))}) for name in VOCABULARY_FIELDS if getattr(query, name)
    }


def near_filter(place, radius_miles):
    return Q("geo_distance", distance=f"{radius_miles}mi", location={"lat": place.latitude, "lon": place.longitude})


def serving_filter(place):
    """Services that say they serve the place's district (outreach, home visits, phone, online)."""
    if not place.lad_code:
        return Q("match_none")
    return Q("term", served_districts=place.lad_code)


def _scope(query, part):
    """Which services a part of the search covers: near ones, serving-only ones, or both."""
    place = query.near
    if place is None:
        return []
    near = near_filter(place, query.radius_miles)
    if part == "near":
        return [near]
    if part == "serving":
        # Serving-only: a service with a location inside the radius is listed with the near ones.
        return [Q("bool", filter=[serving_filter(place)], must_not=[near])]
    return [Q("bool", should=[near, serving_filter(place)], minimum_should_match=1)]


def _base_query(query, part):
    must = [q for q in [text_query(query.text)] if q is not None]
    chosen = vocabulary_filters(query).values()
    return Q("bool", must=must, filter=[*plain_filters(query), *chosen, *_scope(query, part)])


def _distance(place):
    return {
        "_geo_distance": {
            "location": {"lat": place.latitude, "lon": place.longitude},
            "order": "asc",
            "unit": "mi",
            "mode": "min",
            "distance_type": "arc",
        }
    }


def _band():
    """Relevance in bands (4 * ln(1 + score), floored): services that match about as well tie, then sort on."""
    return {"_script": {"type": "number", "order": "desc", "script": {"source": "Math.floor(4 * Math.log1p(_score))"}}}


def _stale(today=None):
    """0 for a listing checked within STALE_AFTER_DAYS, 1 for an older or never-checked one (sorted after).

    Today is the site's local date, as in the database backends, so both agree on the night the clocks differ.
    """
    cutoff = (today or timezone.localdate()) - timedelta(days=STALE_AFTER_DAYS)
    source = (
        "doc['last_reviewed'].size() == 0 || "
        "doc['last_reviewed'].value.toInstant().toEpochMilli() < params.cutoff ? 1 : 0"
    )
    cutoff_ms = int(datetime(cutoff.year, cutoff.month, cutoff.day, tzinfo=UTC).timestamp() * 1000)
    return {
        "_script": {"type": "number", "order": "asc", "script": {"source": source, "params": {"cutoff": cutoff_ms}}}
    }


# sort=last_checked: most recently checked first, never checked last.
LAST_CHECKED_FIRST = {"last_reviewed": {"order": "desc", "missing": "_last"}}


def _sort(query, part):
    by_name = [{"name.raw": "asc"}, {"service_id": "asc"}]
    sort = query.effective_sort
    if part == "serving":
        # No distance to sort on; otherwise as the database backend orders them (search/backends/database/plan.py).
        if sort == "relevance" and query.text:
            return [_band(), _stale(), {"_score": {"order": "desc"}}, *by_name]
        if sort == "last_checked":
            return [LAST_CHECKED_FIRST, *by_name]
        return by_name
    place = query.near
    if sort == "distance" and place is not None:
        return [_distance(place), {"service_id": "asc"}]
    if sort == "relevance":
        # With a place and no words every score is equal: bands tie, so this is distance order.
        return [_band(), _stale(), *([_distance(place)] if place is not None else []), *by_name]
    if sort == "last_checked":
        return [LAST_CHECKED_FIRST, *by_name]
    return by_name


def page_window(start, size):
    """(from, size) kept inside MAX_RESULT_WINDOW: a page past it is empty, never a 400 from the cluster."""
    start = min(max(0, start), MAX_RESULT_WINDOW)
    return start, max(0, min(size, MAX_RESULT_WINDOW - start))


def search_body(query, part="all", start=None, size=None, vocabularies=None):
    """The body of one search request.

    part: "all" (every match; with a place, the near ones and the serving-only ones), "near"
    (a location within the radius, nearest first) or "serving" (serves the district, none near).
    vocabularies: {facet: [code, ...]} to ask for facet counts ({} for none: still the overview, which asks
    for spelling corrections; None for a request that is not). from + size never passes
    MAX_RESULT_WINDOW: only the first 10,000 results can be paged to.
    """
    start = (query.page - 1) * query.page_size if start is None else start
    size = query.page_size if size is None else size
    start, size = page_window(start, size)
    search = Search().query(_base_query(query, part))
    for name, codes in (vocabularies or {}).items():
        if codes and query.counts_facets_of(name):  # counted over the services found
            search.aggs.bucket(name, "terms", field=name, size=len(codes), include=list(codes))
    search = search.sort(*_sort(query, part)).source(excludes=["text", "location"])
    search = search.extra(track_total_hits=True)
    if query.effective_sort == "relevance":
        # The band script reads _score, which a sort that is not by _score alone does not otherwise keep.
        search = search.extra(track_scores=True)
    body = search[start : start + size].to_dict()
    if part == "all" and vocabularies is not None:
        # The overview (the request asking for any facets) also asks for spelling corrections.
        suggestion = spelling_suggestion(query.text)
        if suggestion:
            body["suggest"] = suggestion
    return body


def suggest_body(prefix, kind, limit):
    """The request for suggest(): names by phrase prefix, or topics by a terms aggregation; None for no prefix."""
    typed = phrase(prefix)
    if not typed:
        return None
    if kind == "service":
        search = Search().query(Q("match_phrase_prefix", name={"query": typed})).source(["name"])
        search = search.sort({"name.raw": "asc"})
        return search[:limit].to_dict()
    include = re.escape(topic_slug(typed)) + ".*"
    search = Search().extra(size=0)
    search.aggs.bucket("topics", "terms", field="topic_slugs", include=include, size=limit, order={"_key": "asc"})
    return search.to_dict()


def read_suggestions(answer, kind):
    if kind == "service":
        return list(dict.fromkeys(hit["_source"]["name"] for hit in answer["hits"]["hits"]))
    buckets = answer.get("aggregations", {}).get("topics", {}).get("buckets", [])
    return [bucket["key"].replace("-", " ") for bucket in buckets]


def count_body(query):
    """How many services a query finds, every chosen filter applied (for suggestions)."""
    return {"query": _base_query(query, "all").to_dict()}


# --- the backend -------------------------------------------------------------------


DEFAULT_PORTS = {"http": 80, "https": 443}


def with_port(url):
    """The URL with its scheme's port written in: the client refuses a URL without one (ValueError)."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"ELASTICSEARCH_URL must look like https://host:9200, not {url!r}")
    if parts.port is not None:
        return url
    netloc = parts.netloc + f":{DEFAULT_PORTS[parts.scheme]}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def connection_options(url="", cloud_id="", ca_certs="", api_key="", user="", password="", timeout=2):
    """Keyword arguments for the client: where (a URL or a Cloud ID), how to trust it, who we are."""
    options = {"request_timeout": timeout, "max_retries": 0, "retry_on_timeout": False}
    if cloud_id:
        options["cloud_id"] = cloud_id
    else:
        options["hosts"] = with_port(url)
    if ca_certs:
        options["ca_certs"] = ca_certs
    if api_key:
        options["api_key"] = api_key
    elif user:
        options["basic_auth"] = (user, password)
    return options


@functools.lru_cache(maxsize=8)
def _client(options):
    # No retries: a slow or absent cluster must hand over to the database within one timeout.
    return elasticsearch.Elasticsearch(**dict(options))


def make_client(**settings_):
    """A client for these connection settings (cached); SearchUnavailable when they cannot make one."""
    try:
        return _client(tuple(sorted(connection_options(**settings_).items())))
    except (ValueError, OSError) as error:
        # A bad URL or an unreadable CA file: the system check names it; a search must not answer 500.
        raise SearchUnavailable(f"cannot connect: {error}") from error


def ping(**settings_):
    """(True, version) when the cluster answers, else (False, why): for the system check and /healthz."""
    try:
        info = make_client(**settings_).options(request_timeout=2).info()
    except (*UNAVAILABLE, elasticsearch.ApiError) as error:
        return False, _describe(error)
    return True, info["version"]["number"]


def _vocabularies():
    return controlled_terms()


def _redacted(value):
    """A request body for the log with the searcher's words and place taken out: its shape is what is wrong."""
    if isinstance(value, dict):
        return {
            key: "…" if key in {"query", "text", "lat", "lon"} and not isinstance(item, dict) else _redacted(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    return value


def rejected(status, reason, body):
    """Log a request the cluster refused, with its (redacted) body, and the error to raise."""
    logger.error(
        "Elasticsearch rejected a request (%s %s), a bug in the request: %s",
        status,
        reason,
        json.dumps(_redacted(body))[:4000],
    )
    return SearchRejected(f"{status} {reason}")


class ElasticsearchSearchBackend(BaseSearchBackend):
    name = "elasticsearch"
    OPTIONS = ("url", "index", "timeout", "cloud_id", "ca_certs", "api_key", "user", "password", "shards", "replicas")

    def __init__(self, **options):
        # None: the ELASTICSEARCH_* setting, read when used (tests override them).
        self.options = {name: options.get(name) for name in self.OPTIONS}

    @classmethod
    def from_params(cls, params):
        """URL, INDEX, TIMEOUT, CLOUD_ID, CA_CERTS, API_KEY, USER, PASSWORD, SHARDS, REPLICAS: else ELASTICSEARCH_*."""
        return cls(**{name: params.get(name.upper()) for name in cls.OPTIONS})

    def _option(self, name):
        value = self.options[name]
        return getattr(settings, f"ELASTICSEARCH_{name.upper()}", None) if value is None else value

    @property
    def alias(self):
        """The name searches use: an alias for the index the last rebuild made."""
        return self._option("index")

    @property
    def building_alias(self):
        """Names the index a rebuild is filling, so publishes meanwhile reach it too."""
        return f"{self.alias}-building"

    @property
    def timeout(self):
        return self._option("timeout")

    def connection(self):
        """The connection settings, for make_client() and ping()."""
        names = ("url", "cloud_id", "ca_certs", "api_key", "user", "password")
        return {name: self._option(name) or "" for name in names} | {"timeout": self.timeout}

    @property
    def client(self):
        if not self._option("url") and not self._option("cloud_id"):
            raise SearchUnavailable("ELASTICSEARCH_URL is not set")
        return make_client(**self.connection())

    def index_body(self):
        return index_body(self.alias, shards=self._option("shards") or 1, replicas=self._option("replicas") or 0)

    # --- keeping the index -------------------------------------------------------

    def index(self, service):
        try:
            self._ensure_index()
            source = service_source(service_document(service))
            for name in self._write_targets():
                self.client.index(index=name, id=str(service.pk), document=source, refresh=True)
        except UNAVAILABLE as error:
            if not unavailable(error):
                raise
            # The database index is kept alongside, and rebuild_search_index repairs this one.
            logger.warning("Could not index service %s in Elasticsearch: %s", service.pk, _describe(error))

    def remove(self, service_id):
        try:
            client = self.client.options(ignore_status=404)
            for name in self._write_targets():
                client.delete(index=name, id=str(service_id), refresh=True)
        except UNAVAILABLE as error:
            if not unavailable(error):
                raise
            logger.warning("Could not remove service %s from Elasticsearch: %s", service_id, _describe(error))

    def _write_targets(self):
        """The alias, and the index a rebuild is filling if one is: nothing is lost when the alias moves."""
        building = self.client.options(ignore_status=404).indices.get_alias(name=self.building_alias).body or {}
        return [self.alias, *(name for name in building if "error" not in name and name != "status")]

    def rebuild(self, services):
        """Fill a new index, then move the alias to it in one step: searches never see an empty index.

        While it fills, the building alias points at it, so a publish or unpublish meanwhile reaches
        both indexes; the bulk load only creates documents (op_type create), never overwriting a newer
        one a publish put there, and a service unpublished meanwhile is deleted again before the swap.
        """
        indexed = []

        def documents():
            for service in services:
                indexed.append(service.pk)
                yield service_document(service)

        return self.load_documents(documents(), unpublished=lambda: _unpublished_since(indexed))

    def load_documents(self, documents, unpublished=lambda: ()):
        """A new index from search.documents-shaped dicts, then the alias moved to it (rebuild, bench.parity)."""
        client = self.client.options(request_timeout=max(REBUILD_TIMEOUT, self.timeout))
        new_index = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        self.put_synonyms(client)
        self._create_index(new_index, client, aliases={self.building_alias: {}})
        try:
            actions = (
                {
                    "_op_type": "create",
                    "_index": new_index,
                    "_id": str(document["id"]),
                    "_source": service_source(document),
                }
                for document in documents
            )
            count, errors = helpers.bulk(client, actions, chunk_size=BULK_CHUNK, raise_on_error=False)
            conflicts = [error for error in errors if _bulk_status(error) == 409]
            if len(conflicts) != len(errors):
                raise SearchUnavailable(f"bulk load failed for {len(errors) - len(conflicts)} services")
            for gone in unpublished():
                client.options(ignore_status=404).delete(index=new_index, id=str(gone))
            client.indices.refresh(index=new_index)
            self._point_alias_at(new_index, client)
        except BaseException:
            client.options(ignore_status=404).indices.delete(index=new_index)
            raise
        return count + len(conflicts)

    def drop_index(self):
        """Delete the alias and every index made for it (for tests and tearing down)."""
        client = self.client.options(ignore_status=404)
        names = set(client.indices.get(index=f"{self.alias}-*", expand_wildcards="all").body or {})
        if client.indices.exists(index=self.alias) and not client.indices.exists_alias(name=self.alias):
            names.add(self.alias)
        for name in names:
            client.indices.delete(index=name)

    def put_synonyms(self, client=None):
        """Replace the synonyms set with the SynonymGroups: Elasticsearch reloads the search analysers itself."""
        client = client or self.client
        client.synonyms.put_synonym(id=synonym_set_name(self.alias), synonyms_set=synonym_rules())

    def _create_index(self, name, client, aliases=None):
        body = self.index_body()
        client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"], aliases=aliases)

    def _ensure_index(self):
        """Make the first index behind the alias if there is none, so a first publish gets the right mapping.

        Its name is fixed and the alias is made with it, so two processes starting at once make one
        index: the second is told resource_already_exists (a 400) and uses the first's.
        """
        client = self.client
        if client.indices.exists(index=self.alias):
            return
        self.put_synonyms(client)
        try:
            self._create_index(f"{self.alias}-first", client, aliases={self.alias: {"is_write_index": True}})
        except elasticsearch.BadRequestError as error:
            if _error_type(error) != "resource_already_exists_exception":
                raise

    def _point_alias_at(self, new_index, client):
        actions = []
        old_indices = []
        if client.indices.exists_alias(name=self.alias):
            old_indices = list(client.indices.get_alias(name=self.alias).body)
            actions += [{"remove": {"index": old, "alias": self.alias}} for old in old_indices]
        elif client.indices.exists(index=self.alias):
            # A plain index squatting on the alias's name (made by a write before any rebuild).
            actions.append({"remove_index": {"index": self.alias}})
        actions.append({"add": {"index": new_index, "alias": self.alias, "is_write_index": True}})
        actions.append({"remove": {"index": new_index, "alias": self.building_alias}})
        client.indices.update_aliases(actions=actions)
        for old in old_indices:
            client.options(ignore_status=404).indices.delete(index=old)

    def stored_analysis_hash(self):
        """The analysis_hash the live index was made with ("" for none); SearchUnavailable without a cluster."""
        with _unavailable_raised():
            answer = self.client.options(ignore_status=404).indices.get_mapping(index=self.alias).body
        if "error" in answer:  # no index yet: the first publish or rebuild makes it with today's analysis
            return ""
        metas = [index.get("mappings", {}).get("_meta", {}) for index in answer.values()]
        return next((meta.get("analysis_hash", "") for meta in metas), "")

    def available(self):
        """Whether the cluster answers now (for /healthz)."""
        return ping(**self.connection())[0] if (self._option("url") or self._option("cloud_id")) else False

    # --- searching ---------------------------------------------------------------

    def search(self, query):
        """The page, total and facets; SearchUnavailable when the cluster cannot answer."""
        with _unavailable_raised():
            return self._search(query)

    def count(self, query):
        """How many services a query finds, for suggestions."""
        body = count_body(query)
        with _unavailable_raised(body):
            return self.client.count(index=self.alias, **body)["count"]

    def suggest(self, prefix, kind="topic", limit=10):
        """Topics or service names in the index starting with prefix."""
        body = suggest_body(prefix, kind, limit)
        if body is None:
            return []
        with _unavailable_raised(body):
            answer = self.client.search(index=self.alias, **body)
        return read_suggestions(answer, kind)

    def _search(self, query):
        vocabularies = _vocabularies() if query.facets else {}
        codes = {name: [code for code, _ in terms] for name, terms in vocabularies.items()}
        start = (query.page - 1) * query.page_size
        if query.near is None:
            (answer,) = self._msearch([search_body(query, "all", vocabularies=codes)])
            overview, total = answer, answer["hits"]["total"]["value"]
            hits = [(False, hit) for hit in answer["hits"]["hits"]]
        else:
            overview, near = self._msearch(
                [search_body(query, "all", start=0, size=0, vocabularies=codes), search_body(query, "near")]
            )
            total = overview["hits"]["total"]["value"]
            near_total = near["hits"]["total"]["value"]
            near_hits = near["hits"]["hits"]
            strong_near, strong_serving = self._strong(query, near_total, total)
            # The list, as the database orders it: strong near, strong serving, the other near, the other serving.
            segments = [
                (False, 0, strong_near),
                (True, 0, strong_serving),
                (False, strong_near, near_total - strong_near),
                (True, strong_serving, total - near_total - strong_serving),
            ]
            page = _page_of(segments, start, min(start + query.page_size, total))
            near_at = [index for serves, index in page if not serves]
            serving_at = [index for serves, index in page if serves]
            if near_at and near_at[0] != start:  # the page's near services are not those asked for first
                (near,) = self._msearch([search_body(query, "near", start=near_at[0], size=len(near_at))])
                near_hits = near["hits"]["hits"]
            serving_hits = []
            if serving_at and serving_at[0] < MAX_RESULT_WINDOW:
                (serving,) = self._msearch([search_body(query, "serving", start=serving_at[0], size=len(serving_at))])
                serving_hits = serving["hits"]["hits"]
            # Each list's indices on the page are consecutive (its segments meet): its hits come in page order.
            fetched = {False: iter(near_hits[: len(near_at)]), True: iter(serving_hits[: len(serving_at)])}
            ordered = [(serves, next(fetched[serves], None)) for serves, _index in page]
            hits = [(serves, hit) for serves, hit in ordered if hit is not None]

        items = [_item(hit["_source"], query.near, serves=serves) for serves, hit in hits]
        facets = _facets(overview, vocabularies, query, total)
        results = SearchResults(query=query, total=total, items=items, facets=facets, backend=self.name)
        corrected = corrected_text(overview, query.text)
        if corrected:
            results.corrected_text, results.original_text = corrected, query.text
        if total == 0 and query.suggestions:
            results.suggestions = make_suggestions(self, query)
        return results

    def _strong(self, query, near_total, total):
        """(near, serving): how many of each reach the best band of the services serving the area, which come in
        that order before the rest of each (the database's rule, Plan.statement). Unless ranked by the words,
        every near service comes first and every serving one is "strong". Two more requests, only when ranked:
        the serving services' best band, then how many of each reach it."""
        serving_total = total - near_total
        if not serving_total or query.effective_sort != "relevance" or not words(query.text):
            return near_total, serving_total
        (best,) = self._msearch([search_body(query, "serving", start=0, size=1)])
        if not best["hits"]["hits"]:
            return near_total, serving_total
        band = best["hits"]["hits"][0]["sort"][0]
        reaching = []
        for part in ("near", "serving"):
            body = search_body(query, part, start=0, size=0)
            # floor(4 * ln(1 + score)) >= band exactly when score >= e^(band / 4) - 1 (a hair less, for rounding).
            body["min_score"] = math.expm1(band / 4) * (1 - 1e-9)
            reaching.append(body)
        near, serving = self._msearch(reaching)
        return near["hits"]["total"]["value"], serving["hits"]["total"]["value"]

    def _msearch(self, bodies):
        searches = []
        for body in bodies:
            searches += [{"index": self.alias}, body]
        with _unavailable_raised(bodies):
            answers = self.client.msearch(searches=searches)["responses"]
        for body, answer in zip(bodies, answers, strict=True):
            if "error" in answer:
                status = answer.get("status")
                reason = answer["error"].get("type", "error") if isinstance(answer["error"], dict) else "error"
                if unavailable_status(status):
                    raise SearchUnavailable(f"{status} {reason}")
                raise rejected(status, reason, body)
        return answers


def _error_type(error):
    body = getattr(error, "body", None)
    return body.get("error", {}).get("type", "") if isinstance(body, dict) else ""


def _bulk_status(error):
    return next(iter(error.values()), {}).get("status")


def _unpublished_since(indexed):
    """Of the services a rebuild loaded, those no longer published (unpublished while it ran)."""
    from search.indexing import published_services

    indexed = set(indexed)
    still = set(published_services().filter(pk__in=indexed).values_list("pk", flat=True))
    return sorted(indexed - still)


@contextlib.contextmanager
def _unavailable_raised(body=None):
    """Unavailability as SearchUnavailable (the fallback's cue); a refused request as SearchRejected, logged."""
    try:
        yield
    except UNAVAILABLE as error:
        if not unavailable(error):
            raise rejected(getattr(error, "status_code", "?"), _error_type(error) or "error", body) from error
        raise SearchUnavailable(_describe(error)) from error


def _describe(error):
    return f"{error.__class__.__name__}: {error}"[:300]


def _facets(answer, vocabularies, query, total):
    """The facet counts, as the database backend gives them: none in a vocabulary a filter is chosen in, and none
    at all when more services were found than FACETS_COUNTED_UP_TO."""
    aggregations = answer.get("aggregations", {})
    counted = total <= contract.FACETS_COUNTED_UP_TO
    facets = {}
    for name, terms in vocabularies.items():
        buckets = aggregations.get(name, {}).get("buckets", [])
        counts = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
        uncounted = not counted or not query.counts_facets_of(name)
        facets[name] = [
            FacetValue(code=code, name=label, count=None if uncounted else counts.get(code, 0)) for code, label in terms
        ]
    return facets


def _item(source, place, serves):
    """A result card from a stored document; the distance is geodesic, to the service's nearest location."""
    locations = [
        ResultLocation(
            postcode=entry["postcode"],
            latitude=entry["location"]["lat"],
            longitude=entry["location"]["lon"],
            name=entry["name"],
            town=entry["town"],
        )
        for entry in source.get("locations", [])
        if entry.get("location")
    ]
    return result_item(source, locations, place, serves)


SearchBackend = ElasticsearchSearchBackend

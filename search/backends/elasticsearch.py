"""The Elasticsearch backend: one document per published service, queried with the client's DSL.

The request bodies are built by pure functions (index_body, service_source, search_body, count_body)
so they can be checked without a cluster. A search the cluster cannot answer (down, slow, index
missing) is answered by the database backend instead, with a warning in the log.
"""

import functools
import logging
import re
from datetime import UTC, datetime

import elasticsearch
from django.conf import settings
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
    token_filter,
)
from elasticsearch.dsl import Index as IndexDefinition

from directory import geo
from search.backends.base import BaseSearchBackend
from search.backends.database import STOP_WORDS, DatabaseSearchBackend
from search.documents import service_document, topic_slug
from search.query import WEEKDAYS, FacetValue, ResultItem, ResultLocation, SearchResults
from search.suggestions import make_suggestions
from search.synonyms import elasticsearch_synonyms, expand

logger = logging.getLogger("earlyhelp.search")

VOCABULARY_FIELDS = ("outcomes", "need_levels", "age_bands", "districts")
TEXT_FIELDS = ["name^3", "topics^2", "summary^2", "organisation", "text"]
BULK_CHUNK = 500
# Making an index and loading it in bulk may take longer than a search should ever wait.
REBUILD_TIMEOUT = 120


class SearchUnavailable(Exception):
    """Elasticsearch answered, but not with results (an error inside a multi-search)."""


# What counts as "the cluster cannot answer": refused, reset, timed out, or an HTTP error.
UNAVAILABLE = (elasticsearch.ApiError, elasticsearch.TransportError, SearchUnavailable)


# --- the index ---------------------------------------------------------------------

english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
english_possessive = token_filter("english_possessive", type="stemmer", language="possessive_english")


def index_body():
    """Settings and mappings for a new index: English stemming, and the synonyms added at search time."""
    # synonym_graph only belongs in a search analyser; indexing stems the plain words.
    synonyms = token_filter("earlyhelp_synonyms", type="synonym_graph", synonyms=elasticsearch_synonyms())
    words = analyzer(
        "earlyhelp_english", tokenizer="standard", filter=["lowercase", english_possessive, english_stemmer]
    )
    words_with_synonyms = analyzer(
        "earlyhelp_english_synonyms",
        tokenizer="standard",
        filter=["lowercase", synonyms, english_possessive, english_stemmer],
    )

    def text(**kwargs):
        return Text(analyzer=words, search_analyzer=words_with_synonyms, **kwargs)

    mapping = Mapping()
    mapping.meta("dynamic", False)
    mapping.field("service_id", Integer())
    mapping.field("name", text(fields={"raw": Keyword()}))
    mapping.field("url", Keyword(index=False))
    mapping.field("summary", text())
    mapping.field("organisation", text(fields={"raw": Keyword()}))
    mapping.field("text", text())
    mapping.field("topics", text(fields={"raw": Keyword()}))
    mapping.field("cost", Keyword())
    mapping.field("self_referral", Boolean())
    mapping.field("min_age", Integer())
    mapping.field("max_age", Integer())
    for name in (*VOCABULARY_FIELDS, "served_districts", "delivery", "languages", "days"):
        mapping.field(name, Keyword())
    mapping.field("topic_slugs", Keyword())
    mapping.field("openings", Nested(properties={"day": Integer(), "opens": Keyword(), "closes": Keyword()}))
    mapping.field("last_reviewed", Date())
    mapping.field("card", Object(enabled=False))
    mapping.field(
        "locations",
        Nested(
            properties={
                "id": Integer(),
                "name": Keyword(),
                "town": Keyword(),
                "postcode": Keyword(),
                "district": Keyword(),
                "location": GeoPoint(),
            }
        ),
    )
    # Every location again as one multi-valued geo_point: geo_distance matches a service when any
    # location is inside the radius, and the _geo_distance sort (mode min) uses its nearest one.
    mapping.field("location", GeoPoint())

    index = IndexDefinition("earlyhelp-services")
    index.settings(number_of_shards=1)
    index.mapping(mapping)
    return index.to_dict()


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
        "openings": document.get("openings", []),
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


def _words(text):
    return [word for word in re.findall(r"\w+", (text or "").lower()) if word not in STOP_WORDS][:12]


def text_query(text):
    """All the typed words (less the filler ones), or any phrase a synonym group adds; None for no words."""
    words = _words(text)
    if not words:
        return None
    alternatives = [Q("multi_match", query=phrase, type="phrase", fields=TEXT_FIELDS) for phrase in expand(text)]
    return Q(
        "bool",
        should=[Q("multi_match", query=" ".join(words), fields=TEXT_FIELDS, operator="and"), *alternatives],
        minimum_should_match=1,
    )


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
        filters.append(Q("term", days=WEEKDAYS[query.day]))
    if query.topics:
        filters.append(Q("terms", topic_slugs=sorted({topic_slug(topic) for topic in query.topics})))
    if query.age_range is not None:
        filters += age_range_filters(*query.age_range)
    if query.opens_after is not None or query.closes_before is not None:
        filters.append(opening_filter(query))
    return filters


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
    return Q("bool", must=must, filter=[*plain_filters(query), *_scope(query, part)])


def _all_of(filters):
    return Q("bool", filter=list(filters)) if filters else Q("match_all")


def _sort(query, part):
    by_name = [{"name.raw": "asc"}, {"service_id": "asc"}]
    if part == "serving":
        return by_name
    sort = query.effective_sort
    if sort == "distance" and query.near is not None:
        place = query.near
        return [
            {
                "_geo_distance": {
                    "location": {"lat": place.latitude, "lon": place.longitude},
                    "order": "asc",
                    "unit": "mi",
                    "mode": "min",
                    "distance_type": "arc",
                }
            },
            {"service_id": "asc"},
        ]
    if sort == "relevance":
        return [{"_score": "desc"}, *by_name]
    return by_name


def search_body(query, part="all", start=None, size=None, vocabularies=None):
    """The body of one search request.

    part: "all" (every match; with a place, the near ones and the serving-only ones), "near"
    (a location within the radius, nearest first) or "serving" (serves the district, none near).
    vocabularies: {facet: [code, ...]} to ask for facet counts.
    """
    start = (query.page - 1) * query.page_size if start is None else start
    size = query.page_size if size is None else size
    search = Search().query(_base_query(query, part))
    chosen = vocabulary_filters(query)
    if chosen:
        # After the aggregations, so each facet still counts the values the searcher did not pick.
        search = search.post_filter(_all_of(chosen.values()))
    for name, codes in (vocabularies or {}).items():
        if not codes:
            continue
        others = [condition for other, condition in chosen.items() if other != name]
        search.aggs.bucket(name, "filter", filter=_all_of(others)).bucket(
            "values", "terms", field=name, size=len(codes), include=list(codes)
        )
    search = search.sort(*_sort(query, part)).source(excludes=["text", "location"])
    search = search.extra(track_total_hits=True)
    return search[start : start + size].to_dict()


def count_body(query):
    """How many services a query finds, every chosen filter applied (for suggestions)."""
    base = _base_query(query, "all")
    chosen = list(vocabulary_filters(query).values())
    return {"query": Q("bool", must=[base], filter=chosen).to_dict()}


# --- the backend -------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _client(url, timeout):
    # No retries: a slow or absent cluster must hand over to the database within one timeout.
    return elasticsearch.Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def _vocabularies():
    from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag

    models = {"outcomes": OutcomeTag, "need_levels": NeedLevelTag, "age_bands": AgeBandTag, "districts": DistrictTag}
    return {name: list(model.objects.values_list("code", "name")) for name, model in models.items()}


class ElasticsearchSearchBackend(BaseSearchBackend):
    name = "elasticsearch"

    @property
    def alias(self):
        """The name searches use: an alias for the index the last rebuild made."""
        return settings.ELASTICSEARCH_INDEX

    @property
    def client(self):
        if not settings.ELASTICSEARCH_URL:
            raise SearchUnavailable("ELASTICSEARCH_URL is not set")
        return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)

    # --- keeping the index -------------------------------------------------------

    def index_service(self, service):
        try:
            self._ensure_index()
            self.client.index(
                index=self.alias, id=str(service.pk), document=service_source(service_document(service)), refresh=True
            )
        except UNAVAILABLE as error:
            # The database index is kept alongside, and rebuild_search_index repairs this one.
            logger.warning("Could not index service %s in Elasticsearch: %s", service.pk, _describe(error))

    def remove_service(self, service_id):
        try:
            self.client.options(ignore_status=404).delete(index=self.alias, id=str(service_id), refresh=True)
        except UNAVAILABLE as error:
            logger.warning("Could not remove service %s from Elasticsearch: %s", service_id, _describe(error))

    def rebuild(self, services):
        """Fill a new index, then move the alias to it in one step: searches never see an empty index."""
        client = self.client.options(request_timeout=max(REBUILD_TIMEOUT, settings.ELASTICSEARCH_TIMEOUT))
        new_index = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        self._create_index(new_index, client)
        try:
            actions = (
                {"_index": new_index, "_id": str(service.pk), "_source": service_source(service_document(service))}
                for service in services
            )
            count, _ = helpers.bulk(client, actions, chunk_size=BULK_CHUNK)
            client.indices.refresh(index=new_index)
            self._point_alias_at(new_index, client)
        except BaseException:
            client.options(ignore_status=404).indices.delete(index=new_index)
            raise
        return count

    def drop_index(self):
        """Delete the alias and every index made for it (for tests and tearing down)."""
        client = self.client.options(ignore_status=404)
        names = set(client.indices.get(index=f"{self.alias}-*", expand_wildcards="all").body or {})
        if client.indices.exists(index=self.alias) and not client.indices.exists_alias(name=self.alias):
            names.add(self.alias)
        for name in names:
            client.indices.delete(index=name)

    def _create_index(self, name, client):
        body = index_body()
        client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def _ensure_index(self):
        """Make an empty index behind the alias if there is none, so a first publish gets the right mapping."""
        client = self.client
        if client.indices.exists(index=self.alias):
            return
        name = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        self._create_index(name, client)
        client.indices.put_alias(index=name, name=self.alias)

    def _point_alias_at(self, new_index, client):
        actions = []
        old_indices = []
        if client.indices.exists_alias(name=self.alias):
            old_indices = list(client.indices.get_alias(name=self.alias).body)
            actions += [{"remove": {"index": old, "alias": self.alias}} for old in old_indices]
        elif client.indices.exists(index=self.alias):
            # A plain index squatting on the alias's name (made by a write before any rebuild).
            actions.append({"remove_index": {"index": self.alias}})
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        client.indices.update_aliases(actions=actions)
        for old in old_indices:
            client.options(ignore_status=404).indices.delete(index=old)

    # --- searching ---------------------------------------------------------------

    def search(self, query):
        try:
            return self._search(query)
        except UNAVAILABLE as error:
            # Never log the query itself: it may hold the searcher's postcode.
            logger.warning(
                "Elasticsearch could not answer a search (%s); answering from the database.", _describe(error)
            )
            return DatabaseSearchBackend().search(query)

    def count(self, query):
        """How many services a query finds, for suggestions."""
        try:
            return self.client.count(index=self.alias, **count_body(query))["count"]
        except UNAVAILABLE as error:
            logger.warning("Elasticsearch could not count a search (%s); counting in the database.", _describe(error))
            return DatabaseSearchBackend().count(query)

    def _search(self, query):
        vocabularies = _vocabularies()
        codes = {name: [code for code, _ in terms] for name, terms in vocabularies.items()}
        start = (query.page - 1) * query.page_size
        serving_hits = []
        if query.near is None:
            (answer,) = self._msearch([search_body(query, "all", vocabularies=codes)])
            overview, near_hits = answer, answer["hits"]["hits"]
            total = answer["hits"]["total"]["value"]
        else:
            overview, near = self._msearch(
                [search_body(query, "all", start=0, size=0, vocabularies=codes), search_body(query, "near")]
            )
            total = overview["hits"]["total"]["value"]
            near_total = near["hits"]["total"]["value"]
            near_hits = near["hits"]["hits"]
            room = query.page_size - len(near_hits)
            if room > 0 and total > near_total:
                # The page runs past the near ones into those that serve the area, listed after them.
                offset = max(0, start - near_total)
                (serving,) = self._msearch([search_body(query, "serving", start=offset, size=room)])
                serving_hits = serving["hits"]["hits"]

        items = [_item(hit["_source"], query.near, serves=False) for hit in near_hits]
        items += [_item(hit["_source"], query.near, serves=True) for hit in serving_hits]
        results = SearchResults(
            query=query, total=total, items=items, facets=_facets(overview, vocabularies), backend=self.name
        )
        if total == 0:
            results.suggestions = make_suggestions(self, query)
        return results

    def _msearch(self, bodies):
        searches = []
        for body in bodies:
            searches += [{"index": self.alias}, body]
        answers = self.client.msearch(searches=searches)["responses"]
        for answer in answers:
            if "error" in answer:
                raise SearchUnavailable(answer["error"].get("type", "error"))
        return answers


def _describe(error):
    return f"{error.__class__.__name__}: {error}"[:300]


def _facets(answer, vocabularies):
    aggregations = answer.get("aggregations", {})
    facets = {}
    for name, terms in vocabularies.items():
        buckets = aggregations.get(name, {}).get("values", {}).get("buckets", [])
        counts = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
        facets[name] = [FacetValue(code=code, name=label, count=counts.get(code, 0)) for code, label in terms]
    return facets


def _item(source, place, serves):
    """A result card from a stored document; the distance is geodesic, to the service's nearest location."""
    locations = [entry for entry in source.get("locations", []) if entry.get("location")]
    nearest, distance = None, None
    if locations and place is not None:
        measured = [
            (
                geo.distance_miles(place.latitude, place.longitude, entry["location"]["lat"], entry["location"]["lon"]),
                entry,
            )
            for entry in locations
        ]
        distance, nearest = min(measured, key=lambda pair: pair[0])
    elif locations:
        nearest = locations[0]
    card = source.get("card") or {}
    return ResultItem(
        service_id=source["service_id"],
        name=source["name"],
        url=source["url"],
        summary=source["summary"],
        organisation=source["organisation"],
        distance_miles=None if serves or distance is None else round(distance, 1),
        serves_your_area=serves,
        nearest_location=ResultLocation(
            postcode=nearest["postcode"],
            latitude=nearest["location"]["lat"],
            longitude=nearest["location"]["lon"],
            name=nearest["name"],
            town=nearest["town"],
        )
        if nearest
        else None,
        cost=source["cost"],
        self_referral=source["self_referral"],
        outcomes=card.get("outcomes", []),
        need_levels=card.get("need_levels", []),
        age_bands=card.get("age_bands", []),
        last_reviewed=source.get("last_reviewed") or "",
    )


SearchBackend = ElasticsearchSearchBackend

"""The embedded backend (SQLite or PostgreSQL): a denormalised row per service-location, searched in SQL.

indexer.py keeps the rows; plan.py turns a ServiceQuery into one SQL statement; sqlite.py and
postgresql.py hold what differs between the two. This module answers the contract with them.
"""

from dataclasses import replace

from django.db import connection, transaction

from directory.vocabularies import controlled_terms
from search.backends.base import BaseSearchBackend
from search.backends.database import indexer, words
from search.backends.database.plan import SERVING, Plan, read_answer
from search.documents import service_document, topic_slug
from search.models import ServiceLocationRow
from search.query import ResultLocation, SearchResults
from search.results import result_item
from search.spelling import correct
from search.suggestions import make_suggestions
from search.text import phrase


def _count(query, lanes):
    statement, params, _ = Plan.build(query, lanes, with_facets=False, with_page=False).statement()
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return int(cursor.fetchone()[0] or 0)  # PostgreSQL sums counts as numeric


class _Counter:
    """Counts the changed queries of one search's suggestions with the lanes that search read."""

    def __init__(self, lanes):
        self.lanes = lanes

    def count(self, query):
        return _count(query, self.lanes)


# What a result card reads of a service's rows: not the codes and packs searching reads.
CARD_FIELDS = ("service_id", "name", "url", "summary", "organisation", "cost", "self_referral", "card", "last_reviewed")
CARD_FIELDS += ("postcode", "latitude", "longitude", "place_name", "town")


class DatabaseSearchBackend(BaseSearchBackend):
    name = "database"
    _vocabulary_terms = None  # read once per backend (one per request), unless the query brings them

    # --- keeping the index -------------------------------------------------------

    def index(self, service):
        """Add or replace one published service's rows."""
        document = service_document(service)
        with transaction.atomic():
            indexer.remove(document["id"])
            indexer.write_documents([document])

    def remove(self, service_id):
        """Remove one service's rows."""
        indexer.remove(service_id)

    @transaction.atomic
    def rebuild(self, services):
        """Replace every row with these services'; returns how many."""
        indexer.clear()
        count, batch = 0, []
        for service in services:
            batch.append(service_document(service))
            if len(batch) == 500:
                count += self.write_documents(batch)
                batch = []
        return count + self.write_documents(batch)

    def write_documents(self, documents):
        """Add services not yet in the index, in bulk (rebuild and the benchmark); returns how many."""
        return indexer.write_documents(documents)

    # --- searching ---------------------------------------------------------------

    def _terms(self, query):
        if query.vocabulary_terms is not None:
            return query.vocabulary_terms
        if self._vocabulary_terms is None:
            self._vocabulary_terms = controlled_terms()
        return self._vocabulary_terms

    def search(self, query):
        """One statement: the page, the total and every facet count (unless the query asks for none); a misspelt
        word corrected first."""
        asked = query
        corrected = None if query.exact or not query.text else correct(query.text)
        if corrected:
            query = replace(query, text=corrected)
        lanes = indexer.read_lanes()
        terms = self._terms(query) if query.facets else None
        plan = Plan.build(query, lanes, with_facets=query.facets, vocabulary_terms=terms)
        statement, params, readers = plan.statement()
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            answer = cursor.fetchall()
        total, sums, page = read_answer(answer)
        items = self._items(page, query.near)
        results = SearchResults(
            query=asked, total=total, items=items, facets=plan.facets(total, sums, readers), backend=self.name
        )
        if corrected:
            results.corrected_text, results.original_text = corrected, asked.text
        if total == 0 and query.suggestions:
            results.suggestions = make_suggestions(_Counter(lanes), query)
        return results

    def count(self, query):
        """How many services a query finds, in two queries: no page, no facets."""
        return _count(query, indexer.read_lanes())

    def suggest(self, prefix, kind="topic", limit=10):
        """Topics (by the start of their slug) or service names starting with prefix, in order."""
        typed = phrase(prefix)
        if not typed:
            return []
        if kind == "service":
            return words.starting_with("service", typed.casefold(), limit)
        return words.starting_with("topic", topic_slug(typed), limit)

    def _items(self, page, place):
        """The page's ResultItems in its order ((section, service_id) pairs: the serving block may come between)."""
        rows = (
            ServiceLocationRow.objects.filter(service_id__in=[service_id for _, service_id in page])
            .only(*CARD_FIELDS)
            .order_by("id")
        )
        by_service = {}
        for row in rows:
            by_service.setdefault(row.service_id, []).append(row)
        items = []
        for section, service_id in page:
            service_rows = by_service.get(service_id)
            if not service_rows:
                continue
            first = service_rows[0]
            service = {
                "service_id": service_id,
                "name": first.name,
                "url": first.url,
                "summary": first.summary,
                "organisation": first.organisation,
                "cost": first.cost,
                "self_referral": first.self_referral,
                "card": first.card,
                "last_reviewed": first.last_reviewed.isoformat() if first.last_reviewed else "",
            }
            locations = [
                ResultLocation(
                    postcode=row.postcode,
                    latitude=row.latitude,
                    longitude=row.longitude,
                    name=row.place_name,
                    town=row.town,
                )
                for row in service_rows
                if row.latitude is not None
            ]
            items.append(result_item(service, locations, place, serves=section == SERVING))
        return items


SearchBackend = DatabaseSearchBackend

"""Measures search relevance on the demo: each query of queries.txt through GET /api/search, hit@10 and MRR."""

import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.txt"
RADIUS_MILES = 10
DEPTH = 10


@dataclass(frozen=True)
class RelevanceQuery:
    words: str
    place: str
    expected: tuple[str, ...]  # service names up to the comma ("Money Matters Advice")

    def matches(self, name):
        return name.split(",")[0].strip() in self.expected


def read_queries(path=QUERIES):
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words, place, expected = (part.strip() for part in line.split("|"))
        queries.append(RelevanceQuery(words, place, tuple(name.strip() for name in expected.split(";"))))
    return queries


@dataclass
class Outcome:
    query: RelevanceQuery
    status: int
    names: list[str]
    total: int

    @property
    def rank(self):
        """1-based rank of the first expected service in the first DEPTH results, or None."""
        return next((index + 1 for index, name in enumerate(self.names[:DEPTH]) if self.query.matches(name)), None)


def run_query(client, query):
    params = {"q": query.words, "page_size": DEPTH}
    if query.place:
        params.update(postcode=query.place, radius=RADIUS_MILES)
    response = client.get("/api/search", params)
    payload = response.json()
    names = [item["name"] for item in payload.get("results", [])]
    return Outcome(query, response.status_code, names, payload.get("total", 0))


def score(outcomes):
    count = len(outcomes)
    ranks = [outcome.rank for outcome in outcomes]
    return {
        "queries": count,
        "hit_at_10": round(sum(rank is not None for rank in ranks) / count, 3),
        "mrr": round(sum(1 / rank for rank in ranks if rank) / count, 3),
        "zero_result_rate": round(sum(outcome.total == 0 for outcome in outcomes) / count, 3),
        "errors": sum(outcome.status != 200 for outcome in outcomes),
    }


def report(backend, outcomes, results_dir):
    """The figures and every miss, printed and written to bench/results/relevance-<backend>.json."""
    figures = score(outcomes)
    misses = [
        {"words": o.query.words, "place": o.query.place, "status": o.status, "first_results": o.names[:3]}
        for o in outcomes
        if o.rank is None
    ]
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"relevance-{backend}.json"
    path.write_text(json.dumps({"backend": backend, **figures, "misses": misses}, indent=2, ensure_ascii=False))
    print(
        f"\nrelevance [{backend}] queries={figures['queries']} hit@10={figures['hit_at_10']:.3f} "
        f"MRR={figures['mrr']:.3f} zero-result={figures['zero_result_rate']:.3f} errors={figures['errors']} -> {path}"
    )
    for miss in misses:
        print(f"  miss: {miss['words']!r} near {miss['place'] or '-'} ({miss['status']}): {miss['first_results']}")
    return figures

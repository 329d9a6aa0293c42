"""The public quarterly summary's figures: the same counts as the insight pages, for one quarter, kept as JSON."""

from insight import coverage, demand, quality
from insight.filters import CoverageFilters
from insight.periods import quarter_period
from insight.suppression import RULE, suppress


def quarter_figures(year, quarter):
    """Everything the summary page shows, as plain JSON (suppressed where it comes from the public)."""
    period = quarter_period(year, quarter)
    names = demand.district_names()
    matrix = coverage.coverage_matrix(CoverageFilters())
    found = demand.demand(period)
    fresh = quality.overall_freshness()
    by_district_fresh = quality.freshness_by_district()
    districts = []
    for code, name in names.items():
        total = matrix.totals.get(code, coverage.Cell())
        searches, zero = found.by_district.get(code, (0, 0))
        gaps = [term_name for term_code, term_name in matrix.terms if term_code and matrix.cell(code, term_code).mark]
        checked = by_district_fresh.get(code, (0, 0, 0))
        districts.append(
            {
                "code": code,
                "name": name,
                "services": total.reaching,
                "located": total.located,
                "outreach": total.outreach,
                "searches": suppress(searches),
                "searches_found_nothing": suppress(zero),
                "thin_outcomes": gaps,
                "checked_12_months": checked[2],
            }
        )
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": str(period)},
        "year": year,
        "quarter": quarter,
        "services": matrix.services,
        "outcomes": [name for code, name in matrix.terms if code],
        "districts": districts,
        "searches": suppress(found.total),
        "searches_found_nothing": suppress(found.zero),
        "top_topics": [
            [found.topic_names.get(topic, topic), suppress(count)] for topic, count in found.by_topic.most_common(10)
        ],
        "over_time": [
            [label, suppress(count), count if suppress(count) == count else 0] for label, count in found.over_time
        ],
        "checked_6_months": fresh["six"],
        "checked_12_months": fresh["twelve"],
        "suppression": RULE,
    }


def summary_context(figures):
    """What the page template needs: the figures, the map and the bars, drawn from the kept JSON."""
    from insight import charts
    from insight.areas import shapes_for
    from insight.tables import LICENCE

    if not figures:
        return {"figures": None}
    districts = figures["districts"]
    shapes = shapes_for([district["code"] for district in districts])
    values = {district["code"]: (district["services"], district["services"]) for district in districts}
    services = figures["services"]
    busiest = max(districts, key=lambda district: district["services"], default=None)
    quietest = min(districts, key=lambda district: district["services"], default=None)
    return {
        "figures": figures,
        "map": charts.district_map(shapes, values, "Services reaching each district", "services", id_="summary-map"),
        "searches_chart": charts.bars(
            [(label, hidden_safe, shown) for label, shown, hidden_safe in figures["over_time"]],
            "Searches over the quarter",
            "searches",
            id_="summary-bars",
        ),
        "busiest": busiest,
        "quietest": quietest,
        "checked_share": round(100 * figures["checked_12_months"] / services) if services else 0,
        "licence": LICENCE,
    }

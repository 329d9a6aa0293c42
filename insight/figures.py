"""The insight pages' tables and charts, built from coverage, demand and quality: one place for each figure.

Every count from the public goes through `suppress()` here, so the page, the chart and the download agree.
"""

from django.urls import reverse
from django.utils.http import urlencode

from insight import charts, coverage, demand, quality
from insight.areas import shapes_for
from insight.suppression import percent, suppress, suppressed_share
from insight.tables import Table
from signposting.models import ListingReport

PAGE_ROWS = 50  # rows a page shows of a long table; the download has them all


def _cell_url(filters, district, term, reach="reaching"):
    params = {**filters.params(), "district": district, "reach": reach}
    params["term"] = "__none__" if term is None else term
    return reverse("insight:cell") + "?" + urlencode(params)


def coverage_tables(matrix, filters):
    """The matrix table (reaching, with located and outreach) and the per-district totals table."""
    header = ["District", *(f"{name}" for _, name in matrix.terms), "Any"]
    rows, links, marks = [], [], {}
    for r, (code, name, cells, total) in enumerate(matrix.rows()):
        row = [name]
        link_row = [""]
        for c, cell in enumerate(cells, start=1):
            row.append(f"{cell.reaching} ({cell.located} located, {cell.outreach} outreach)")
            link_row.append(_cell_url(filters, code, matrix.terms[c - 1][0]))
            if cell.mark:
                marks[(r, c)] = cell.mark
        row.append(f"{total.reaching} ({total.located} located, {total.outreach} outreach)")
        link_row.append(_cell_url(filters, code, ""))
        rows.append(row)
        links.append(link_row)
    across = filters.vocabulary.legend
    described = filters.describe()
    matrix_table = Table(
        "coverage",
        f"Live services by district and {str(across).lower()}" + (f" ({described})" if described else ""),
        header,
        rows,
        caption=(
            "Each cell: services reaching the district (located there or serving it), then how many have a "
            f"location there and how many serve it by outreach, home visits, phone or online. Fewer than "
            f"{coverage.THIN_BELOW} is thin; none is a gap."
        ),
        links=links,
        marks=marks,
    )
    return matrix_table


def coverage_download_table(matrix, filters):
    """The matrix as one row per cell, with numbers in their own columns (easier in a spreadsheet)."""
    rows = []
    for code, name, cells, total in matrix.rows():
        for (_term_code, term_name), cell in zip(matrix.terms, cells, strict=True):
            rows.append([code, name, term_name, cell.reaching, cell.located, cell.outreach, cell.mark])
        rows.append([code, name, "Any", total.reaching, total.located, total.outreach, ""])
    return Table(
        "coverage",
        f"Live services by district and {str(filters.vocabulary.legend).lower()}",
        ["District code", "District", str(filters.vocabulary.legend), "Reaching", "Located", "Outreach", "Gap or thin"],
        rows,
        caption=filters.describe(),
    )


def supply_map(district_totals, names, title="Live services reaching each district"):
    shapes = shapes_for(names)
    values = {code: (count, count) for code, count in district_totals.items()}
    return charts.district_map(shapes, values, title, "services", id_="supply-map")


def supply_table(district_totals, names):
    rows = [[name, district_totals.get(code, 0)] for code, name in names.items()]
    return Table("services-by-district", "Live services reaching each district", ["District", "Services"], rows)


# --- Demand -------------------------------------------------------------------------------------


def demand_tables(found, names):
    district_rows = []
    for code, name in [*names.items(), ("", "No place, or outside the area")]:
        searches, zero = found.by_district.get(code, (0, 0))
        district_rows.append([name, suppress(searches), suppress(zero)])
    by_district = Table(
        "searches-by-district",
        "Searches by district of the place searched from",
        ["District", "Searches", "Found nothing"],
        district_rows,
    )
    topic_rows = [
        [found.topic_names.get(topic, topic), suppress(count)] for topic, count in found.by_topic.most_common()
    ]
    by_topic = Table("searches-by-topic", "Searches by topic", ["Topic", "Searches"], topic_rows)
    topic_district_rows = [
        [found.topic_names.get(topic, topic), names.get(code, code or "No place"), suppress(count)]
        for (topic, code), count in sorted(found.by_topic_district.items(), key=lambda item: (-item[1], item[0]))
    ]
    by_topic_district = Table(
        "searches-by-topic-and-district",
        "Searches by topic and district",
        ["Topic", "District", "Searches"],
        topic_district_rows,
    )
    zero_rows = [
        [words, names.get(code, code or "No place"), suppress(count)] for words, code, count in found.zero_words
    ]
    zero = Table(
        "searches-that-found-nothing",
        "Searches that found nothing, by words and district",
        ["Words searched", "District", "Searches"],
        zero_rows,
    )
    over_time = Table(
        "searches-over-time",
        "Searches over time",
        ["Period", "Searches"],
        [[label, suppress(count)] for label, count in found.over_time],
    )
    return {
        "by_district": by_district,
        "by_topic": by_topic,
        "by_topic_district": by_topic_district,
        "zero": zero,
        "over_time": over_time,
    }


def gap_tables(found, names, topic_supply, district_supply):
    """The "most searched, least offered" tables, per topic and per district."""
    by_topic = _gap_table(
        "most-searched-least-offered-topics",
        "Most searched, least offered: topics",
        "Topic",
        demand.gaps(found.by_topic, topic_supply),
        lambda key: found.topic_names.get(key, key),
    )
    district_searches = {code: found.by_district.get(code, (0, 0))[0] for code in names}
    by_district = _gap_table(
        "most-searched-least-offered-districts",
        "Most searched, least offered: districts",
        "District",
        demand.gaps(district_searches, {code: district_supply.get(code, 0) for code in names}),
        lambda key: names.get(key, key),
    )
    return by_topic, by_district


def _gap_table(slug, title, noun, gap_rows, name_of):
    rows = []
    for key, searches, search_share, services, service_share, ratio in gap_rows:
        hidden = suppress(searches) != searches
        rows.append(
            [
                name_of(key),
                suppress(searches),
                "<5" if hidden else round(search_share, 1),
                services,
                round(service_share, 1),
                "" if hidden else ("no services" if ratio is None else round(ratio, 2)),
            ]
        )
    return Table(
        slug,
        title,
        [noun, "Searches", "Share of searches %", "Live services", "Share of services %", "Searched ÷ offered"],
        rows,
        caption="Searched ÷ offered above 1 means a larger share of the searching than of the offer.",
    )


def searches_chart(found):
    series = [(label, count, suppress(count)) for label, count in found.over_time]
    return charts.bars(series, "Searches over time", "searches", id_="searches-bars")


# --- Quality ------------------------------------------------------------------------------------


def freshness_tables(names, freshness):
    providers, districts, months = freshness
    provider_rows = [
        [title, total, six, percent(six, total), twelve, percent(twelve, total)]
        for title, total, six, twelve in providers
    ]
    header = ["", "Live services", "Checked in 6 months", "%", "Checked in 12 months", "%"]
    by_provider = Table(
        "freshness-by-provider",
        "Listings checked recently, by provider (least checked first)",
        ["Provider", *header[1:]],
        provider_rows,
    )
    district_rows = []
    for code, name in names.items():
        total, six, twelve = districts.get(code, (0, 0, 0))
        district_rows.append([name, total, six, percent(six, total), twelve, percent(twelve, total)])
    by_district = Table(
        "freshness-by-district", "Listings checked recently, by district", ["District", *header[1:]], district_rows
    )
    by_month = Table(
        "last-checked-by-month",
        "Live listings by month last checked",
        ["Month", "Services"],
        [[label, count] for label, count in months],
    )
    chart = charts.bars(
        [(label, count, count) for label, count in months],
        "Live listings by month last checked",
        "services",
        id_="freshness-bars",
    )
    return by_provider, by_district, by_month, chart


def missing_tables(counts, missing_list):
    summary_rows = [[label, counts[key], percent(counts[key], counts["total"])] for key, label in quality.MISSING_FACTS]
    summary_rows.append(["Missing at least one of these", counts["any"], percent(counts["any"], counts["total"])])
    summary = Table(
        "missing-facts", "Live listings missing facts a family needs", ["Missing", "Services", "%"], summary_rows
    )
    labels = dict(quality.MISSING_FACTS)
    listing_rows, links = [], []
    for pk, title, missing in missing_list:
        listing_rows.append([title, "; ".join(labels[key] for key in missing)])
        links.append([reverse("wagtailadmin_pages:edit", args=[pk]), ""])
    listings = Table(
        "listings-missing-facts", "Listings missing facts", ["Service", "Missing"], listing_rows, links=links
    )
    return summary, listings


def report_tables(period):
    found = quality.reports(period)
    reasons = dict(ListingReport.Reason.choices)
    median = found["median_days"] if found["resolved"] >= 5 else "<5 resolved"
    summary = Table(
        "public-reports",
        "Reports from the public about listings, made in the period",
        ["", "Reports"],
        [
            ["Made", suppress(found["total"])],
            ["Still open", suppress(found["open"])],
            ["Resolved", suppress(found["resolved"])],
            ["Median days to resolve", "" if median is None else median],
        ],
    )
    by_reason = Table(
        "public-reports-by-reason",
        "Reports by reason",
        ["Reason", "Made", "Still open"],
        [
            [str(reasons.get(reason, reason)), suppress(n), suppress(open_)]
            for reason, (n, open_) in sorted(found["by_reason"].items())
        ],
    )
    return summary, by_reason


def share_text(count, total):
    return suppressed_share(count, total)

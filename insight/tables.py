"""A table of figures as every output shows it: the page, the chart's table and the CSV/XLSX download.

Cells hold what is shown (already suppressed), so a page and its download can never disagree.
"""

from dataclasses import dataclass, field

from sitewide.exports import download

LICENCE = (
    "Licence: Open Government Licence v3.0. Listings from the local early help directory; searches from its "
    "search log (no personal data is kept). Contains OS data © Crown copyright and database right; "
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0."
)


@dataclass
class Table:
    """`slug` names the download; `links` (optional) holds a URL per cell, same shape as `rows`."""

    slug: str
    title: str
    header: list
    rows: list
    caption: str = ""
    links: list = field(default_factory=list)
    # Cells (row, column) to mark as a gap or thin, drawn with a word as well as a colour.
    marks: dict = field(default_factory=dict)
    # How many rows a page shows (0: all); the download always has every row.
    limit: int = 0

    @property
    def cut(self):
        return bool(self.limit) and len(self.rows) > self.limit

    def cells(self):
        """Rows of (value, link, mark) for the template, `limit` at most."""
        rows = self.rows[: self.limit] if self.limit else self.rows
        for r, row in enumerate(rows):
            links = self.links[r] if r < len(self.links) else []
            yield [
                (value, links[c] if c < len(links) else "", self.marks.get((r, c), "")) for c, value in enumerate(row)
            ]


def preamble(table, period, suppression_rule):
    lines = [table.title]
    if table.caption:
        lines.append(table.caption)
    lines.append(f"Period: {period.label}" if period else "Period: services live on the day of download")
    lines.append(f"Suppression: {suppression_rule}")
    lines.append(LICENCE)
    lines.append("")
    return lines


def table_download(table, period, suppression_rule, file_format):
    """The table as a CSV or XLSX attachment, formula-safe, with period, suppression rule and licence first."""
    file_format = "xlsx" if file_format == "xlsx" else "csv"
    return download(
        f"{table.slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}" if period else table.slug,
        table.header,
        table.rows,
        preamble=preamble(table, period, suppression_rule),
        format=file_format,
    )

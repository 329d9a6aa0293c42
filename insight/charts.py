"""Charts drawn on the server as accessible SVG: role="img", a <title> and a <desc>, readable without JavaScript.

Every chart is shown beside a table of the same numbers; the shapes carry words or patterns as well as
colour, so nothing depends on telling colours apart.
"""

import math

from django.utils.html import escape
from django.utils.safestring import mark_safe

from insight.suppression import SUPPRESSED

# A sequential blue scale (light to dark) that keeps dark text readable on the first three steps.
SHADES = ("#f3f7fb", "#d2e3f3", "#9ecae1", "#4a98c9", "#1d5a8c")
LIGHT_TEXT_FROM = 3
GAP_FILL = "url(#insight-gap)"
THIN_FILL = "url(#insight-thin)"

PATTERNS = (
    '<defs><pattern id="insight-gap" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="8" height="8" fill="#fdecea"/>'
    '<line x1="0" y1="0" x2="0" y2="8" stroke="#b10e1e" stroke-width="3"/></pattern>'
    '<pattern id="insight-thin" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff7e0"/><circle cx="3" cy="3" r="1.2" fill="#8a5a00"/></pattern></defs>'
)


def _shade(value, top):
    if not top or value <= 0:
        return 0
    return min(len(SHADES) - 1, 1 + int((len(SHADES) - 1) * (value - 1) / max(top, 1)))


def _svg(width, height, title, desc, body, id_):
    return mark_safe(  # noqa: S308 (every text inside went through escape())
        f'<svg xmlns="http://www.w3.org/2000/svg" class="insight-chart" role="img" '
        f'aria-labelledby="{id_}-title {id_}-desc" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" style="max-width:{width:.0f}px">'
        f'<title id="{id_}-title">{escape(title)}</title><desc id="{id_}-desc">{escape(desc)}</desc>'
        f"{PATTERNS}{body}</svg>"
    )


def _short(text, length):
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def _two_lines(text, width):
    """Split a column heading into two lines at a space, so words are not cut."""
    if len(text) <= width:
        return text, ""
    cut = text.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else width
    return text[:cut], _short(text[cut:].strip(), width + 2)


def heatmap(matrix, title, id_="heatmap"):
    """The coverage matrix as a grid: darker for more services reaching; gaps hatched and thin cells dotted."""
    label_width, cell_width, cell_height, header = 150, 96, 34, 64
    columns = len(matrix.terms)
    width = label_width + cell_width * max(columns, 1) + 10
    height = header + cell_height * max(len(matrix.districts), 1) + 40
    top = max((cell.reaching for cell in matrix.cells.values()), default=0)
    parts = []
    for c, (_, name) in enumerate(matrix.terms):
        x = label_width + c * cell_width + cell_width / 2
        first, second = _two_lines(_short(name, 30), 15)
        parts.append(
            f'<text x="{x:.0f}" y="{header - 26}" text-anchor="middle" font-size="11">'
            f"<title>{escape(name)}</title>{escape(first)}</text>"
            f'<text x="{x:.0f}" y="{header - 12}" text-anchor="middle" font-size="11">{escape(second)}</text>'
        )
    for r, (_code, district, cells, _) in enumerate(matrix.rows()):
        y = header + r * cell_height
        parts.append(
            f'<text x="{label_width - 8}" y="{y + cell_height / 2 + 4:.0f}" text-anchor="end" font-size="12">'
            f"{escape(_short(district, 20))}</text>"
        )
        for c, cell in enumerate(cells):
            x = label_width + c * cell_width
            shade = _shade(cell.reaching, top)
            fill = {"gap": GAP_FILL, "thin": THIN_FILL}.get(cell.mark, SHADES[shade])
            colour = "#fff" if shade >= LIGHT_TEXT_FROM and not cell.mark else "#0b0c0c"
            label = {"gap": "none", "thin": f"{cell.reaching} thin"}.get(cell.mark, str(cell.reaching))
            term = matrix.terms[c][1]
            parts.append(
                f"<g><title>{escape(district)}, {escape(term)}: {cell.reaching} services reaching "
                f"({cell.located} located, {cell.outreach} by outreach)</title>"
                f'<rect x="{x}" y="{y}" width="{cell_width - 2}" height="{cell_height - 2}" fill="{fill}" '
                f'stroke="#505a5f" stroke-width="0.5"/>'
                + (
                    # A white plate behind the words, so the pattern never makes them hard to read.
                    f'<rect x="{x + 14}" y="{y + cell_height / 2 - 9:.0f}" width="{cell_width - 30}" height="18" '
                    'rx="3" fill="#fff"/>'
                    if cell.mark
                    else ""
                )
                + f'<text x="{x + cell_width / 2 - 1:.0f}" y="{y + cell_height / 2 + 4:.0f}" text-anchor="middle" '
                f'font-size="13" font-weight="bold" fill="{colour}">{escape(label)}</text></g>'
            )
    legend_y = header + cell_height * len(matrix.districts) + 12
    parts.append(
        f'<rect x="{label_width}" y="{legend_y}" width="18" height="14" fill="{GAP_FILL}" stroke="#505a5f"/>'
        f'<text x="{label_width + 24}" y="{legend_y + 11}" font-size="11">none: a gap</text>'
        f'<rect x="{label_width + 110}" y="{legend_y}" width="18" height="14" fill="{THIN_FILL}" stroke="#505a5f"/>'
        f'<text x="{label_width + 134}" y="{legend_y + 11}" font-size="11">thin: fewer than 3</text>'
        f'<text x="{label_width + 260}" y="{legend_y + 11}" font-size="11">darker: more services</text>'
    )
    desc = (
        f"A grid of {len(matrix.districts)} districts by {columns} columns. Each cell shows how many live services "
        f"reach the district. {matrix.gaps} cells have none and {matrix.thin} are thin. The table beside it has the "
        "same numbers."
    )
    return _svg(width, height, title, desc, "".join(parts), id_)


def bars(series, title, unit, id_="bars"):
    """Vertical bars, one per (label, count, shown) where `shown` is the suppressed value to print."""
    series = list(series)
    bar, gap, left, bottom, top_margin, plot_height = 22, 6, 80, 80, 24, 180
    width = left + max(len(series), 1) * (bar + gap) + 10
    height = top_margin + plot_height + bottom
    top = max((count for _, count, _ in series), default=0) or 1
    parts = [
        f'<line x1="{left}" y1="{top_margin + plot_height}" x2="{width - 5}" y2="{top_margin + plot_height}" '
        'stroke="#0b0c0c"/>'
    ]
    parts.append(f'<text x="{left - 6}" y="{top_margin + 4}" text-anchor="end" font-size="10">{top}</text>')
    parts.append(f'<text x="{left - 6}" y="{top_margin + plot_height}" text-anchor="end" font-size="10">0</text>')
    every = max(1, math.ceil(len(series) / 16))
    for i, (label, count, shown) in enumerate(series):
        x = left + i * (bar + gap) + gap / 2
        hidden = shown == SUPPRESSED
        # A hidden count is drawn as a short hatched stub of fixed height: its true height could give it away.
        h = 8 if hidden else plot_height * count / top
        y = top_margin + plot_height - h
        fill = GAP_FILL if hidden else "#1d70b8"
        parts.append(
            f"<g><title>{escape(label)}: {escape(shown)} {escape(unit)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{fill}"/>'
            + (
                f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="9">{escape(shown)}</text>'
                if len(series) <= 26
                else ""
            )
            + "</g>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{top_margin + plot_height + 12}" font-size="9" text-anchor="end" '
                f'transform="rotate(-45 {x + bar / 2:.1f} {top_margin + plot_height + 12})">{escape(label)}</text>'
            )
    desc = f"{len(series)} bars of {unit}, from {series[0][0]} to {series[-1][0]}." if series else "No data."
    desc += " Counts from 1 to 4 are drawn as a short hatched bar marked <5. The table beside it has the same numbers."
    return _svg(width, height, title, desc, "".join(parts), id_)


def district_map(shapes, values, title, unit, id_="map"):
    """A choropleth of the districts: `shapes` from insight.areas, `values` {code: (count, shown)}."""
    if not shapes:
        return ""
    points = [point for shape in shapes for ring in shape.rings for point in ring]
    min_lon, max_lon = min(p[0] for p in points), max(p[0] for p in points)
    min_lat, max_lat = min(p[1] for p in points), max(p[1] for p in points)
    squash = math.cos(math.radians((min_lat + max_lat) / 2))
    width = 560
    scale = (width - 20) / max((max_lon - min_lon) * squash, 1e-6)
    height = (max_lat - min_lat) * scale + 70

    def project(lon, lat):
        return 10 + (lon - min_lon) * squash * scale, 10 + (max_lat - lat) * scale

    top = max((count for count, _ in values.values()), default=0)
    parts = []
    labels = []
    for shape in shapes:
        count, shown = values.get(shape.code, (0, 0))
        shade = _shade(count, top)
        fill = GAP_FILL if count == 0 else SHADES[shade]
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(*p) for p in ring)) + " Z" for ring in shape.rings
        )
        parts.append(
            f"<g><title>{escape(shape.name)}: {escape(shown)} {escape(unit)}</title>"
            f'<path d="{path}" fill="{fill}" fill-rule="evenodd" stroke="#0b0c0c" stroke-width="1"/></g>'
        )
        lx, ly = project(*shape.label_point)
        colour = "#fff" if shade >= LIGHT_TEXT_FROM and count else "#0b0c0c"
        labels.append(
            f'<text x="{lx:.0f}" y="{ly:.0f}" text-anchor="middle" font-size="11" fill="{colour}" '
            f'stroke="{"#0b0c0c" if colour == "#fff" else "#fff"}" stroke-width="0.6" paint-order="stroke">'
            f'{escape(_short(shape.name, 16))}</text><text x="{lx:.0f}" y="{ly + 13:.0f}" text-anchor="middle" '
            f'font-size="12" font-weight="bold" fill="{colour}">{escape(shown)}</text>'
        )
    parts.append(
        f'<text x="10" y="{height - 12:.0f}" font-size="10">Approximate district shapes derived from the ONS Postcode '
        "Directory (OGL v3). Hatched: no services.</text>"
    )
    desc = (
        f"A map of {len(shapes)} districts, each labelled with its name and number of {unit}; darker means more. "
        "The table beside it has the same numbers."
    )
    return _svg(width, height, title, desc, "".join(parts + labels), id_)

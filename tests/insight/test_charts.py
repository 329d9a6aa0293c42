"""Each chart is accessible SVG and shows the same numbers as the table beside it."""

import re

import pytest

from insight.areas import shapes_for
from tests.insight.test_coverage import ADUR, ARUN, WORTHING, make_service


@pytest.fixture
def offer(area):
    make_service(located=[WORTHING], outcomes=["ws-best-start"])
    make_service(located=[WORTHING, ADUR], outcomes=["ws-best-start", "ws-safe-secure"])
    make_service(located=[ARUN], outcomes=["ws-succeed"])


def accessible(svg):
    svg = str(svg)
    return svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg


@pytest.mark.django_db
def test_the_heatmap_and_the_matrix_table_agree(client, offer, commissioner):
    client.force_login(commissioner)
    context = client.get("/admin/insight/").context
    heatmap, table, matrix = str(context["heatmap"]), context["matrix_table"], context["matrix"]
    assert accessible(heatmap)
    for r, (_code, _name, cells, _) in enumerate(matrix.rows()):
        for c, cell in enumerate(cells, start=1):
            assert table.rows[r][c].startswith(f"{cell.reaching} ({cell.located} located, {cell.outreach} outreach)")
            assert (
                f": {cell.reaching} services reaching ({cell.located} located, {cell.outreach} by outreach)" in heatmap
            )
    # Gaps are said in words, not by colour alone.
    assert ">none<" in heatmap and "none: a gap" in heatmap


@pytest.mark.django_db
def test_the_map_and_its_table_agree(client, offer, commissioner):
    client.force_login(commissioner)
    context = client.get("/admin/insight/").context
    svg = str(context["map"])
    assert accessible(svg)
    for name, count in context["supply_table"].rows:
        assert f"<title>{name}: {count} services</title>" in svg
    assert "OGL v3" in svg


@pytest.mark.django_db
def test_the_freshness_bars_and_their_table_agree(client, offer, commissioner):
    client.force_login(commissioner)
    context = client.get("/admin/insight/quality/").context
    svg = str(context["freshness_chart"])
    assert accessible(svg)
    for label, count in context["by_month"].rows:
        assert f"<title>{label}: {count} services</title>" in svg


def test_every_area_ships_a_shape_for_each_of_its_districts():
    import json

    from directory.area_profiles import AREAS_DIR, available_areas

    for slug in available_areas():
        codes = [district["code"] for district in json.loads((AREAS_DIR / f"{slug}.json").read_text())["districts"]]
        shapes = shapes_for(codes)
        assert sorted(shape.code for shape in shapes) == sorted(codes), slug
        for shape in shapes:
            assert all(len(ring) >= 4 and ring[0] == ring[-1] for ring in shape.rings)
            assert re.fullmatch(r"E0\d{7}", shape.code)

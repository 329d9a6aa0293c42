"""Specifications for the QR codes: full-size codes phones can read, named for screen readers."""

import re

from signposting.qr import qr_svg


def test_a_qr_code_is_inline_svg_with_a_name():
    svg = qr_svg("https://example.org/services/a/", "QR code for Little Steps")

    assert svg.startswith('<svg role="img"')
    assert "<title>QR code for Little Steps</title>" in svg


def test_a_short_url_still_gets_a_full_qr_code_not_a_micro_one():
    svg = qr_svg("http://a.b/")

    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    # A full QR code is at least 21 modules wide, plus the 4-module quiet zone each side.
    assert size >= 21 + 8


def test_the_name_is_escaped():
    svg = qr_svg("https://example.org/", "<script>")

    assert "<script>" not in svg

"""QR codes as inline SVG, made on the server with segno (no network, no JavaScript)."""

import segno
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def qr_svg(url, label=""):
    """An inline SVG QR code for `url`, named for screen readers; sized by CSS (.eh-qr)."""
    # make_qr, not make: a Micro QR code (chosen for short URLs) is not read by most phone cameras.
    code = segno.make_qr(url, error="m")
    title = label or _("QR code for %(url)s") % {"url": url}
    svg = code.svg_inline(scale=1, border=4, omitsize=True, title=title, svgclass="eh-qr", lineclass=None)
    # segno escapes the title; role="img" lets assistive technology read it as one picture.
    return mark_safe(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))  # noqa: S308

"""Text that keeps its order inside right-to-left pages: number ranges and other digit runs isolated left-to-right."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# "0–2", "16-19", "01903 123456", "9:30": digits joined by dashes, spaces, colons or dots. In an Arabic or Urdu
# sentence the Unicode bidi algorithm would read the dash as right-to-left and print "2–0".
NUMBER_RUN = re.compile(r"(\d+(?:[\s\u2013\-:./]+\d+)*)")


@register.filter(needs_autoescape=True)
def ltr_numbers(text, autoescape=True):
    """Escape the text and put every run of numbers in a `<span dir="ltr">`, so ranges read 0–2 in any script."""
    escape = conditional_escape if autoescape else str
    parts = NUMBER_RUN.split(str(text or ""))
    pieces = [
        format_html('<span dir="ltr">{}</span>', part) if index % 2 else escape(part)
        for index, part in enumerate(parts)
    ]
    return mark_safe("".join(str(piece) for piece in pieces))  # noqa: S308  (every piece escaped above)


@register.filter
def isolated(text):
    """The text escaped in a `<bdi>`: a place or the words typed, set into a translated sentence, keep their own
    direction and punctuation ("Bognor Regis, Arun" in an Arabic sentence, not ",Bognor Regis" then "Arun")."""
    return format_html("<bdi>{}</bdi>", text)

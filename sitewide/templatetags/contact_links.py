"""Phone numbers as tel: links, in structured fields and inside editors' sentences."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# 999 and UK numbers as editors type them: "0800 1111", "01403 229900", "0330 222 6664".
PHONE_NUMBER = re.compile(r"\b(999|0\d{2,4}(?: ?\d){6,8})\b")


@register.filter
def tel_href(number):
    """The number as a tel: URL, keeping only digits and a leading plus."""
    number = str(number or "")
    digits = re.sub(r"[^\d]", "", number)
    return f"tel:+{digits}" if number.strip().startswith("+") else f"tel:{digits}"


@register.filter(needs_autoescape=True)
def link_phone_numbers(text, autoescape=True):
    """Escape the text and make every phone number in it a tel: link."""
    escape = conditional_escape if autoescape else str
    parts = PHONE_NUMBER.split(str(text or ""))
    # split() with one group alternates text, number, text, ...
    link = '<a class="govuk-link" href="{}" dir="ltr">{}</a>'
    html = [format_html(link, tel_href(part), part) if index % 2 else escape(part) for index, part in enumerate(parts)]
    return mark_safe("".join(str(piece) for piece in html))  # noqa: S308  (every piece escaped above)

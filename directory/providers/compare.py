"""The moderator's comparison: paragraphs kept apart, tag sets compared as sets, times and dates as people write them.

Wagtail's own comparison classes are registered for every model, so these replace them site-wide (the
admin's history and moderation screens use the same registry). `changed_text_fields` answers the question
the auto-approve setting asks: did any words a family reads change?
"""

from bs4 import BeautifulSoup
from django.db import models
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.compare import (
    FieldComparison,
    M2MFieldComparison,
    TextFieldComparison,
    diff_text,
    register_comparison_class,
)
from wagtail.fields import RichTextField

from sitewide.templatetags.directory_display import clock_time

# Elements that start a new line when rich text is read as plain text.
BLOCK_ELEMENTS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "br")
# A paragraph break in the diff's plain text; becomes a visible break in its HTML.
PARAGRAPH_BREAK = "\n"


def text_by_paragraph(html):
    """Rich text as plain text with one line per paragraph, heading or list item ("• " before list items)."""
    soup = BeautifulSoup(html or "", "html.parser")
    for element in soup.find_all(BLOCK_ELEMENTS):
        if element.name == "li":
            element.insert(0, "• ")
        element.insert_after(PARAGRAPH_BREAK)
    lines = (" ".join(line.split()) for line in soup.get_text().split(PARAGRAPH_BREAK))
    return PARAGRAPH_BREAK.join(line for line in lines if line)


def _spaced(html):
    # Wagtail puts a replaced word and its replacement side by side ("13:0013:30"); keep them apart.
    return mark_safe(str(html).replace('</span><span class="addition">', '</span> <span class="addition">'))  # noqa: S308


def _with_visible_breaks(html):
    # The diff escapes every value, so a newline in its output can only be a paragraph break.
    return mark_safe(str(html).replace(PARAGRAPH_BREAK, "<br><br>"))  # noqa: S308


class RichTextParagraphsComparison(TextFieldComparison):
    """Rich text compared paragraph by paragraph, each on its own line (Wagtail's runs them together)."""

    def htmldiff(self):
        diff = diff_text(text_by_paragraph(self.val_a), text_by_paragraph(self.val_b)).to_html()
        return _with_visible_breaks(_spaced(diff))

    def has_changed(self):
        # Markup alone (an empty paragraph the editor added) is not a change a reader sees.
        return text_by_paragraph(self.val_a) != text_by_paragraph(self.val_b)


class SpacedTextComparison(TextFieldComparison):
    """Plain text diffed word by word, a replaced passage and its replacement kept apart by a space."""

    def htmldiff(self):
        return _spaced(super().htmldiff())


class TagSetComparison(M2MFieldComparison):
    """Tags as a set: the same tags in another order are no change; shown in name order."""

    def get_items(self):
        def by_name(tags):
            return sorted(tags, key=lambda tag: (tag.name.casefold(), tag.pk or 0))

        return by_name(self.val_a), by_name(self.val_b)

    def get_item_display(self, tag):
        return tag.name

    def has_changed(self):
        return {tag.name for tag in self.val_a} != {tag.name for tag in self.val_b}


class ReadableValueComparison(FieldComparison):
    """A single value (a time, a date, a number, yes/no) shown as people write it, old → new when changed."""

    def display(self, value):
        if value is None or value == "":
            return _("(none)")
        return str(value)

    def htmldiff(self):
        before, after = self.display(self.val_a), self.display(self.val_b)
        if not self.has_changed():
            return escape(before)
        return format_html(
            '<span class="deletion">{}</span> <span aria-hidden="true">→</span> '
            '<span class="w-sr-only">{}</span> <span class="addition">{}</span>',
            before,
            _("changed to"),
            after,
        )


class TimeComparison(ReadableValueComparison):
    def display(self, value):
        return clock_time(value) if value is not None else super().display(value)


class DateComparison(ReadableValueComparison):
    def display(self, value):
        return date_format(value, "j F Y") if value is not None else super().display(value)


class YesNoComparison(ReadableValueComparison):
    def display(self, value):
        return _("Yes") if value else _("No")


register_comparison_class(models.CharField, comparison_class=SpacedTextComparison)
register_comparison_class(models.TextField, comparison_class=SpacedTextComparison)
register_comparison_class(RichTextField, comparison_class=RichTextParagraphsComparison)
register_comparison_class(ClusterTaggableManager, comparison_class=TagSetComparison)
register_comparison_class(models.TimeField, comparison_class=TimeComparison)
# DateTimeField is a DateField: keep Wagtail's plain comparison for it.
register_comparison_class(models.DateField, comparison_class=DateComparison, exact_class=True)
register_comparison_class(models.BooleanField, comparison_class=YesNoComparison)
register_comparison_class(models.IntegerField, comparison_class=ReadableValueComparison)


# --- Did any words change? (the auto-approve setting) ------------------------------------------


# A schedule's repeat rule is codes ("MO,WE", "1,15"), not words a family reads.
RULE_CODES = {"byday", "bymonthday"}


def _is_text(field):
    """Words: editable characters that are not a choice of codes (open/closed, weekly/monthly) or a rule."""
    return (
        isinstance(field, (models.CharField, models.TextField))
        and field.editable
        and not field.choices
        and field.name not in RULE_CODES
    )


def _text_values(instance):
    return {field.name: getattr(instance, field.name) for field in instance._meta.concrete_fields if _is_text(field)}


def _child_relations(model):
    return [
        relation
        for relation in model._meta.related_objects
        if isinstance(relation.remote_field, ParentalKey)
        # Children without words (opening times, tag links) never make a text change.
        and any(_is_text(field) for field in relation.related_model._meta.concrete_fields)
    ]


def _child_text(instance, relation):
    """The children's words as a sorted list, so reordering children is not a change of text."""
    children = getattr(instance, relation.get_accessor_name()).all()
    rows = []
    for child in children:
        values = {name: str(value) for name, value in _text_values(child).items() if value}
        if values:  # a child without words (a weekly time with no note) adds no text
            rows.append(tuple(sorted(values.items())))
    return sorted(rows)


def changed_text_fields(before, after):
    """Names of the text fields (and child relations with text) that differ between two versions of a page.

    Text is every editable CharField and TextField, rich text included: words a family reads, contact
    details and the page's address. Numbers, dates, times, yes/no and tags are not text.
    """
    changed = []
    before_values, after_values = _text_values(before), _text_values(after)
    for name, value in after_values.items():
        old = before_values.get(name)
        if isinstance(before._meta.get_field(name), RichTextField):
            if text_by_paragraph(old) != text_by_paragraph(value):
                changed.append(name)
        elif (old or "") != (value or ""):
            changed.append(name)
    for relation in _child_relations(type(after)):
        if _child_text(before, relation) != _child_text(after, relation):
            changed.append(relation.get_accessor_name())
    return changed

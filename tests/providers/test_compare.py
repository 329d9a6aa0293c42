"""The moderator's comparison: paragraphs apart, a reordered tag set is no change, times and dates readable."""

import datetime

import pytest
from django.urls import reverse

from directory.models import ServicePage
from directory.providers.compare import (
    DateComparison,
    RichTextParagraphsComparison,
    SpacedTextComparison,
    TagSetComparison,
    changed_text_fields,
    text_by_paragraph,
)
from directory.schedules import weekly

pytestmark = pytest.mark.django_db


def field(name):
    return ServicePage._meta.get_field(name)


def draft_of(service, **changes):
    """A pending revision of `service` with `changes`, the live page untouched."""
    service = ServicePage.objects.get(pk=service.pk)
    for name, value in changes.items():
        setattr(service, name, value)
    service.save_revision()
    return service


def compare_page(client, service):
    url = reverse("wagtailadmin_pages:revisions_compare", args=[service.pk, "live", "latest"])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- Rich text: paragraphs stay apart ---------------------------------------------------------


def test_rich_text_is_read_one_paragraph_a_line():
    html = "<p>Open to families for six months.</p><p>A health visitor runs it.</p><ul><li>Free</li></ul>"
    assert text_by_paragraph(html) == "Open to families for six months.\nA health visitor runs it.\n• Free"


def test_the_description_diff_keeps_paragraphs_apart(service_a):
    before = ServicePage(description="<p>Open for six months.</p><p>A health visitor runs it.</p>")
    after = ServicePage(description="<p>Open for six months.</p><p>A nurse runs it.</p>")
    html = RichTextParagraphsComparison(field("description"), before, after).htmldiff()
    assert "months.<br><br>A" in html
    assert "months.A" not in html


def test_the_compare_page_does_not_run_paragraphs_together(moderator_client, service_a):
    service_a.description = "<p>Open for six months.</p><p>A health visitor runs it.</p>"
    service_a.save_revision().publish()
    draft_of(service_a, description="<p>Open for six months.</p><p>A nurse runs it.</p>")
    content = compare_page(moderator_client, service_a)
    assert "months.A" not in content
    assert "months.<br><br>A" in content


def test_markup_alone_is_not_a_change_of_description():
    before = ServicePage(description="<p>Open to all.</p>")
    after = ServicePage(description="<p>Open to all.</p><p></p>")
    assert not RichTextParagraphsComparison(field("description"), before, after).has_changed()


# --- Tags: a set, not a list ------------------------------------------------------------------


def test_the_same_topics_in_another_order_are_not_a_change(area):
    before, after = ServicePage(title="a"), ServicePage(title="b")
    before.topics.add("autism", "parenting")
    after.topics.add("parenting", "autism")
    assert not TagSetComparison(field("topics"), before, after).has_changed()


def test_a_topic_added_is_a_change(area):
    before, after = ServicePage(title="a"), ServicePage(title="b")
    before.topics.add("autism")
    after.topics.add("autism", "parenting")
    comparison = TagSetComparison(field("topics"), before, after)
    assert comparison.has_changed()
    assert '<span class="addition">parenting</span>' in comparison.htmldiff()


def test_the_compare_page_does_not_report_reordered_topics(moderator_client, service_a):
    service_a.topics.set(["autism", "parenting"])
    service_a.save_revision().publish()
    service = ServicePage.objects.get(pk=service_a.pk)
    service.topics.set(["parenting", "autism"])
    service.summary = "A new summary."
    service.save_revision()
    content = compare_page(moderator_client, service_a)
    assert "A new summary." in content
    assert "Topics:" not in content


# --- Times and dates --------------------------------------------------------------------------


def test_a_changed_opening_time_is_shown_as_people_write_it(moderator_client, service_a):
    service_a.schedules = [weekly(0, datetime.time(13), datetime.time(15))]
    service_a.save_revision().publish()
    existing = service_a.schedules.get()
    service = ServicePage.objects.get(pk=service_a.pk)
    service.schedules = [weekly(0, datetime.time(13, 30), datetime.time(15), pk=existing.pk)]
    service.save_revision()
    content = compare_page(moderator_client, service_a)
    assert "13:00:00" not in content
    assert '<span class="deletion">1pm</span>' in content
    assert '<span class="addition">1:30pm</span>' in content


def test_a_changed_date_reads_as_a_date_with_old_and_new_apart():
    before = ServicePage(start_date=datetime.date(2026, 1, 5))
    after = ServicePage(start_date=datetime.date(2026, 2, 9))
    html = DateComparison(field("start_date"), before, after).htmldiff()
    assert '<span class="deletion">5 January 2026</span>' in html
    assert '<span class="addition">9 February 2026</span>' in html
    assert "2026-01-05" not in html


# --- Which text changed (for auto-approval) ---------------------------------------------------


def test_changed_text_fields_names_the_words_that_changed(service_a):
    after = draft_of(service_a, summary="Different words.")
    assert changed_text_fields(service_a, after) == ["summary"]


def test_times_dates_and_tags_are_not_text(service_a):
    service_a.topics.set(["autism"])
    after = ServicePage.objects.get(pk=service_a.pk)
    after.topics.set(["autism", "parenting"])
    after.min_age = 3
    after.end_date = datetime.date(2030, 1, 1)
    after.schedules = [weekly(1, datetime.time(9), datetime.time(12))]
    assert changed_text_fields(service_a, after) == []


def test_a_location_renamed_is_a_text_change(service_a):
    after = ServicePage.objects.get(pk=service_a.pk)
    location = after.locations.get()
    location.name = "Worthing Town Hall"
    after.locations = [location]
    assert changed_text_fields(service_a, after) == ["locations"]


def test_a_replaced_sentence_and_its_replacement_are_kept_apart():
    before = ServicePage(summary="Parenting support for families in Worthing.")
    after = ServicePage(summary="Now also on Saturday mornings.")
    html = SpacedTextComparison(field("summary"), before, after).htmldiff()
    assert "Worthing.</span> <span" in html
    assert "Worthing.</span><span" not in html

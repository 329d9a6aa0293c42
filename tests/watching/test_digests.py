"""The daily digest: one email a day with the changes, none when nothing changed, only what the watcher may see."""

import datetime
import io
import logging

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directory.factories import ServicePageFactory
from directory.providers.escalation import mark_undeliverable
from directory.watching.models import Watch, WatchDigest
from signposting.models import ListingReport

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2026, 3, 10)


def at(day, hour):
    """Travel to `hour` o'clock on DAY_ONE + `day` days, local time."""
    moment = datetime.datetime.combine(DAY_ONE + datetime.timedelta(days=day), datetime.time(hour))
    return time_machine.travel(timezone.make_aware(moment), tick=False)


def run_digests(day, hour=18):
    mail.outbox.clear()
    with at(day, hour):
        call_command("send_watch_digests", stdout=io.StringIO())
    return list(mail.outbox)


def watch(user, page, day=0, hour=8):
    with at(day, hour):
        return Watch.objects.create(user=user, page=page)


def publish_change(page, day=0, hour=10, title=None):
    with at(day, hour):
        page = page.specific
        if title:
            page.title = title
        page.save_revision().publish()


def test_no_email_when_nothing_changed(moderator, service_a):
    watch(moderator, service_a)
    assert run_digests(0) == []
    assert not WatchDigest.objects.exists()


def test_a_published_change_is_in_the_digest(moderator, service_a):
    watch(moderator, service_a)
    publish_change(service_a, title="Acorn parenting group (new times)")
    messages = run_digests(0)
    assert [message.to for message in messages] == [[moderator.email]]
    assert "Acorn parenting group (new times): changes published" in messages[0].body


def test_only_one_digest_a_day(moderator, service_a):
    watch(moderator, service_a)
    publish_change(service_a, hour=10)
    assert len(run_digests(0, hour=18)) == 1
    publish_change(service_a, hour=19, title="Later the same day")
    assert run_digests(0, hour=20) == []
    assert run_digests(0, hour=23) == []
    following = run_digests(1, hour=18)
    assert len(following) == 1
    assert "Later the same day" in following[0].body
    assert following[0].body.count("changes published") == 1  # yesterday's change is not repeated


def test_changes_before_the_watch_began_are_not_sent(moderator, service_a):
    publish_change(service_a, hour=7)
    watch(moderator, service_a, hour=8)
    assert run_digests(0) == []


def test_an_unpublish_is_in_the_digest(moderator, service_a):
    watch(moderator, service_a)
    with at(0, 11):
        service_a.unpublish()
    assert "unpublished" in run_digests(0)[0].body


def test_other_pages_are_not_in_the_digest(moderator, service_a, service_b):
    watch(moderator, service_a)
    publish_change(service_b)
    assert run_digests(0) == []


def test_an_organisations_watch_covers_its_services_and_new_ones(moderator, org_a, service_a):
    publish_change(service_a, hour=7)  # published through Wagtail before, as real listings are
    watch(moderator, org_a)
    publish_change(service_a, hour=10)
    with at(0, 11):
        new = ServicePageFactory(parent=org_a, title="Acorn toddler group", slug="acorn-toddlers", live=False)
        new.save_revision(log_action=True)
    with at(0, 12):
        new.save_revision().publish()
    body = run_digests(0)[0].body
    assert "Acorn parenting group: changes published" in body
    assert "Acorn toddler group: new service added (a draft, not yet public)" in body
    assert "Acorn toddler group: new service published" in body


def test_public_reports_are_in_the_teams_digest(moderator, service_a):
    watch(moderator, service_a)
    with at(0, 10):
        ListingReport.objects.create(service=service_a, reason="closed", details="my name is Sam")
    body = run_digests(0)[0].body
    assert "reported by a member of the public (The service has closed)" in body
    assert "Sam" not in body


def test_a_commissioner_sees_only_what_is_public(commissioner, org_a, service_a):
    watch(commissioner, org_a)
    with at(0, 10):
        ListingReport.objects.create(service=service_a, reason="closed")
        draft = ServicePageFactory(parent=org_a, title="Acorn toddler group", slug="acorn-toddlers", live=False)
        draft.save_revision(log_action=True)
    assert run_digests(0) == []  # a public report and a draft: nothing a commissioner may see
    with at(1, 10):
        draft.save_revision().publish()
    body = run_digests(1)[0].body
    assert "Acorn toddler group: new service published" in body
    assert "/admin/pages/" not in body  # commissioners have no admin pages to follow


def test_a_commissioner_who_left_the_group_gets_nothing(commissioner, service_a, caplog):
    watch(commissioner, service_a)
    commissioner.groups.remove(Group.objects.get(name="Commissioner"))
    publish_change(service_a)
    with caplog.at_level(logging.INFO, logger="earlyhelp.watching"):
        assert run_digests(0) == []
    assert "may no longer watch" in caplog.text


def test_inactive_and_undeliverable_watchers_are_skipped(moderator, commissioner, service_a):
    watch(moderator, service_a)
    watch(commissioner, service_a)
    moderator.is_active = False
    moderator.save()
    mark_undeliverable(commissioner.email)
    publish_change(service_a)
    assert run_digests(0) == []


def test_a_digest_that_could_not_be_sent_is_tried_again(moderator, service_a, monkeypatch):
    from directory.watching import digests

    watch(moderator, service_a)
    publish_change(service_a)
    monkeypatch.setattr(digests.notifications, "send", lambda *args, **kwargs: False)
    assert run_digests(0) == []
    assert not WatchDigest.objects.exists()
    monkeypatch.undo()
    assert len(run_digests(0, hour=19)) == 1

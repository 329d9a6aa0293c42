"""A backup taken, the site changed, the backup restored: the offer and its media are as they were."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
from directory.models import ServicePage
from tests.browser.conftest import ensure_page_tree


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / "images" / "poster.txt").write_text("the original poster")
    return settings.MEDIA_ROOT


@pytest.fixture
def require_engine():
    if connection.vendor not in ("sqlite", "postgresql"):
        pytest.skip(f"no backup support for {connection.vendor}")


@pytest.mark.django_db(transaction=True)
def test_backup_change_restore_gives_back_the_same_offer_and_media(tmp_path, media_root, require_engine):
    ensure_page_tree()  # an earlier transactional test's flush may have removed the home page and site
    load_area("west-sussex")
    kept = ServicePageFactory(title="Stay and play")
    kept.save_revision().publish()
    before = sorted(ServicePage.objects.values_list("pk", "title", "live"))

    call_command("backup", str(tmp_path / "backup"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert "media/images/poster.txt" in manifest["checksums"]

    ServicePage.objects.filter(pk=kept.pk).update(title="Changed after the backup")
    ServicePageFactory(title="Added after the backup")
    (media_root / "images" / "poster.txt").write_text("overwritten")
    (media_root / "stray.txt").write_text("new file")

    call_command("restore", str(tmp_path / "backup"), "--noinput", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert sorted(ServicePage.objects.values_list("pk", "title", "live")) == before
    assert (media_root / "images" / "poster.txt").read_text() == "the original poster"
    assert not (media_root / "stray.txt").exists()


def test_restore_refuses_a_directory_that_is_not_a_backup(tmp_path):
    (tmp_path / "notes.txt").write_text("not a backup")
    with pytest.raises(CommandError, match="is not a backup made by `manage.py backup`"):
        call_command("restore", str(tmp_path), "--noinput")


def test_restore_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        call_command("restore", str(tmp_path / "nowhere"), "--noinput")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path, media_root, require_engine):
    call_command("backup", str(tmp_path / "backup"), stdout=open("/dev/null", "w"))  # noqa: SIM115
    (tmp_path / "backup" / "media" / "images" / "poster.txt").write_text("tampered")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "backup"), "--noinput")
    assert (media_root / "images" / "poster.txt").read_text() == "the original poster"


@pytest.mark.django_db
def test_backup_refuses_a_directory_with_files_in_it(tmp_path, media_root):
    (tmp_path / "old.txt").write_text("something")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path))

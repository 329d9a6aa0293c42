"""Production settings refuse to start without their secrets and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "directory.example.gov.uk",
    "DATABASE_URL": "sqlite:////tmp/earlyhelp-deploy-check.sqlite3",
}


def manage(*args, env):
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    clean["DJANGO_SETTINGS_MODULE"] = "earlyhelp.settings.production"
    return subprocess.run(  # noqa: S603  (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def test_check_deploy_reports_no_issues():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_production_static_files_collect_with_every_reference_resolved():
    # The manifest storage fails on any missing file a CSS or JS file names (a source map, a font).
    result = manage("collectstatic", "--noinput", "-v0", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(
    "weak_key",
    [
        "x",
        "short-but-not-empty-0123456789",
        "ab" * 40,
        "django-insecure-" + "k3y-w1th-3n0ugh-ch4r4ct3rs-but-the-default-prefix",
    ],
)
def test_production_refuses_a_weak_secret_key(weak_key):
    result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": weak_key})
    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 random characters" in result.stderr


@pytest.mark.parametrize("hosts", ["*", "directory.example.gov.uk,*", "*.example.gov.uk"])
def test_production_refuses_a_wildcard_allowed_host(hosts):
    result = manage("check", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": hosts})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's hosts" in result.stderr

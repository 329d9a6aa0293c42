"""Rate limits hold across gunicorn workers: the counters live in the database cache, or in Redis.

Each case starts gunicorn with three workers on loopback over a throwaway SQLite database, under the
production settings (with plain static files and no HTTPS redirect, as behind the proxy), and sends
one client's requests: the 121st search API call in a minute and the 6th suggestion must be refused
with 429 and Retry-After, whichever worker takes them.
"""

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
CLIENT = "203.0.113.7"
SETTINGS = """
from earlyhelp.settings.production import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
WHITENOISE_USE_FINDERS = True
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
"""
DIRECTORY = """
from directory.area_profiles import load_area
from directory.factories import ServicePageFactory
load_area("west-sussex")
ServicePageFactory().save_revision().publish()
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited early: {process.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listening on {port} after {seconds}s")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def redis_url():
    server = shutil.which("redis-server")
    if server is None:
        if "redis" in settings.EARLYHELP_REQUIRE:
            pytest.fail("redis-server is not installed (required: 'redis' is in EARLYHELP_REQUIRE)", pytrace=False)
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603  (the system's redis-server, fixed arguments)
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_for_port(port, process)
    yield f"redis://127.0.0.1:{port}/0"
    stop(process)


def site_under_gunicorn(tmp_path, extra_env):
    """Start the site; returns (port, gunicorn process). The database is migrated and holds the directory."""
    (tmp_path / "shared_limits_settings.py").write_text(SETTINGS)
    env = {
        **{key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")},
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "shared_limits_settings",
        "SECRET_KEY": "shared-limits-test-" + "k7Qx2mZp9Lw4Rt8Vb3Nc6Hy1Jd5Gf0Se" * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "RATELIMIT_EXEMPT_IPS": "",
        # The tests name their client in a header, so warming the workers up is not counted against it.
        "RATELIMIT_IP_HEADER": "HTTP_X_TEST_CLIENT",
        "SEARCH_API_RATE_PER_MINUTE": "120",
        **extra_env,
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["shell", "-c", DIRECTORY]):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603
    port = free_port()
    process = subprocess.Popen(  # noqa: S603  (gunicorn from this interpreter, fixed arguments)
        [
            *[sys.executable, "-m", "gunicorn", "earlyhelp.wsgi", "--preload", "--timeout", "120"],
            *["--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"],
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_for_port(port, process)
    warm_up(port)
    return port, process


def warm_up(port):
    """A first search in each worker loads what it needs (seconds on a busy machine): do it before the clock runs."""
    with ThreadPoolExecutor(max_workers=WORKERS * 2) as pool:
        list(pool.map(lambda n: request(port, "GET", "/api/search?q=parenting", client=f"warm-up-{n}"), range(12)))


def request(port, method, path, body=None, headers=None, client=CLIENT):
    # A new connection each time, so gunicorn hands the requests to whichever worker is free.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request(method, path, body=body, headers={"X-Test-Client": client, **(headers or {})})
    response = connection.getresponse()
    content = response.read().decode("utf-8", "replace")
    connection.close()
    return response, content


def search_api_statuses(port, count):
    return [request(port, "GET", "/api/search?q=parenting")[0].status for _ in range(count)]


def suggestion_posts(port, count):
    response, page = request(port, "GET", "/suggest-a-service/")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    headers = {
        "Cookie": f"csrftoken={cookie}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{port}",
    }
    responses = []
    for number in range(count):
        body = f"csrfmiddlewaretoken={token}&name=Walking+group+{number}&summary=A+weekly+walk.&website=example.org"
        responses.append(request(port, "POST", "/suggest-a-service/", body, headers))
    return responses


def assert_limits_hold(port):
    statuses = search_api_statuses(port, 121)
    assert statuses[:120] == [200] * 120, statuses
    assert statuses[120] == 429
    refused, _ = request(port, "GET", "/api/search?q=parenting")
    assert 0 < int(refused.getheader("Retry-After")) <= 60

    posts = suggestion_posts(port, 6)
    assert [response.status for response, _ in posts[:5]] == [302] * 5
    sixth, page = posts[5]
    assert sixth.status == 429
    assert 0 < int(sixth.getheader("Retry-After")) <= 600
    assert "govuk-heading-l" in page
    assert "try again" in page.lower()


def test_limits_hold_across_workers_with_the_database_cache(tmp_path):
    port, process = site_under_gunicorn(tmp_path, {})
    try:
        assert_limits_hold(port)
    finally:
        stop(process)


def test_limits_hold_across_workers_with_redis(tmp_path, redis_url):
    port, process = site_under_gunicorn(tmp_path, {"REDIS_URL": redis_url})
    try:
        assert_limits_hold(port)
    finally:
        stop(process)

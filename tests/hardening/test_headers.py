"""Every public response carries the security headers; the policy allows no inline script."""

import pytest

from earlyhelp.security import inline_script_refused_by_policy

PUBLIC_PATHS = ["/", "/search/", "/services/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_send_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_public_pages_have_no_inline_script(client):
    assert inline_script_refused_by_policy(client.get("/").content.decode()) == []


def test_the_inline_script_rule_allows_data_blocks_only():
    assert inline_script_refused_by_policy('<script type="application/ld+json">{"a": 1}</script>') == []
    assert inline_script_refused_by_policy('<script src="/static/x.js"></script>') == []
    assert inline_script_refused_by_policy("<script>alert(1)</script>") != []
    assert inline_script_refused_by_policy('<script type="module">alert(1)</script>') != []
    assert inline_script_refused_by_policy('<button onclick="go()">') != []

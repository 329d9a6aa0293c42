"""The results page stays light: HTML, CSS, JavaScript and everything else it loads, compressed, under 150 KB."""

import gzip

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET_BYTES = 150 * 1024
RESULTS = "/search/?postcode=BN11+1HS&q=parenting&free=yes"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def compressed_size(response):
    """What the response costs on the wire: text as gzip would send it (WhiteNoise and nginx both do), else as is."""
    body = response.body()
    content_type = response.headers.get("content-type", "")
    if content_type.startswith(TEXT_TYPES):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


def test_the_results_page_is_under_150_kb_compressed(page, directory):
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto(RESULTS, wait_until="networkidle")

    sizes = {response.url: compressed_size(response) for response in responses if response.status < 400}
    kinds = {response.request.resource_type for response in responses}
    assert {"document", "stylesheet", "script"} <= kinds
    total = sum(sizes.values())
    report = "\n".join(f"{size:>8} {url}" for url, size in sorted(sizes.items(), key=lambda pair: -pair[1]))
    assert total < BUDGET_BYTES, f"{total} bytes transferred:\n{report}"

"""The browser fixtures of tests/browser (Chromium through Playwright, axe-core), for the sites pages."""

from tests.browser.conftest import (  # noqa: F401  (fixtures and hooks pytest finds here)
    axe,
    axe_source,
    browser,
    page,
    pytest_runtest_setup,
    pytest_runtest_teardown,
)

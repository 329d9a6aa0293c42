"""The vendored GOV.UK Frontend styles ask for nothing this site does not serve or may not use."""

import re

from django.contrib.staticfiles import finders


def test_the_govuk_styles_name_no_gds_transport_font():
    # GDS Transport is for GOV.UK's own domains only, and its files are not served at the /assets/fonts/ the
    # precompiled CSS names: Chromium fetched them whenever a page painted before earlyhelp.css (four 404s).
    path = finders.find("vendor/govuk/govuk-frontend.min.css")
    assert path, "make test builds frontend/dist"
    with open(path, encoding="utf-8") as styles:
        css = styles.read()
    assert ".govuk-template" in css  # the real stylesheet, not an empty file
    assert not re.search(r"@font-face|/assets/fonts/", css)

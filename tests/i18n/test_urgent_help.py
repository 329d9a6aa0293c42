"""The urgent help panel speaks the reader's language while its texts are the defaults; edited texts show as typed."""

import pytest
from django.utils import translation
from wagtail.models import Site

from home.models import UrgentHelpSettings

pytestmark = pytest.mark.django_db


def home_html(client, language):
    with translation.override(language):
        return client.get("/" if language == "en-gb" else f"/{language}/").content.decode()


def test_default_urgent_help_texts_are_translated(client):
    html = home_html(client, "pl")
    assert "Jeśli potrzebujesz pilnej pomocy" in html
    assert "Zintegrowany punkt kontaktowy (usługi dla dzieci)" in html
    assert 'href="tel:999"' in html  # the number inside the translated sentence is still a phone link
    assert "نقطة الاتصال الموحدة (خدمات الأطفال)" in home_html(client, "ar")


def test_an_edited_urgent_help_text_is_shown_as_typed(client):
    settings = UrgentHelpSettings.for_site(Site.objects.get(is_default_site=True))
    settings.heading = "Need help now?"
    settings.save()
    assert "Need help now?" in home_html(client, "pl")

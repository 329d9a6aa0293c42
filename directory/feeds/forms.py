"""The feed form: an address we can fetch, and an organisation when everything goes under one."""

from urllib.parse import urlsplit

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

BAD_ADDRESS = _(
    "Enter the feed's full web address, starting with https:// (or http://), "
    "for example https://example.org/api/services."
)


class FeedForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One clear sentence instead of Django's "Enter a valid URL." for every way an address can be wrong.
        self.fields["url"].error_messages["invalid"] = BAD_ADDRESS

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise forms.ValidationError(BAD_ADDRESS)
        return url

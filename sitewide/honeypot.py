"""The spam trap every public form shares (its template is signposting/includes/honeypot.html)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see (the template hides it from screen, keyboard and screen readers); bots fill it."""

    nickname = forms.CharField(required=False, label=_("Leave this field empty"))

    def is_spam(self):
        return bool(self.data.get("nickname", "").strip())

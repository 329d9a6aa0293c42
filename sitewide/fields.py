"""Form fields every public form shares."""

from django import forms


class PlainTextField(forms.CharField):
    """Text as people type it, minus control characters (they only break emails, exports and screens).

    Removed after the field's own checks, so a null character is still refused with its message.
    """

    def clean(self, value):
        text = super().clean(value)
        return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable()).strip()

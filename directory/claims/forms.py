"""Forms: "Is this your service?" (the public asks to manage a listing) and the team's decision with a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sitewide.fields import PlainTextField
from sitewide.honeypot import HoneypotMixin

MAX_MESSAGE = 1000


class ClaimForm(HoneypotMixin):
    name = PlainTextField(
        label=_("Your name"),
        max_length=100,
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Name must be %(limit_value)d characters or fewer"),
        },
    )
    email = forms.EmailField(
        label=_("Your work email address"),
        help_text=_(
            "If it is at the same web address as the listing's website or email, we can check it by email straight "
            "away. Otherwise the directory team checks by hand, which takes longer."
        ),
        # 150: the address becomes the username of the account, as for invites.
        max_length=150,
        error_messages={
            "required": _("Enter your work email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            "max_length": _("Email address must be %(limit_value)d characters or fewer"),
        },
    )
    role = PlainTextField(
        label=_("Your role"),
        help_text=_("For example, service manager or volunteer coordinator."),
        max_length=200,
        error_messages={
            "required": _("Enter your role"),
            "max_length": _("Role must be %(limit_value)d characters or fewer"),
        },
    )
    message = PlainTextField(
        label=_("Anything the directory team should know (optional)"),
        max_length=MAX_MESSAGE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("This must be %(limit_value)d characters or fewer")},
    )


class DecisionForm(forms.Form):
    """The team's decision; the note stays with the claim (and goes when the claim is purged)."""

    decision = forms.ChoiceField(choices=[("approve", "approve"), ("refuse", "refuse"), ("send_check", "send_check")])
    note = forms.CharField(
        label=_("Note for the team (optional)"),
        help_text=_("How you checked, or why you refused. The person does not see it."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

"""The two public forms: a family asks to be contacted; a partner professional refers a family with consent."""

import phonenumbers
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from connect.models import ContactRequest

# The signposting forms' spam trap (and its template include): one honeypot for every public form.
from signposting.forms import HoneypotMixin
from sitewide.fields import PlainTextField

MAX_NAME = 100
MAX_STORY = 1000
MAX_SHORT = 200
PHONE_REGION = "GB"
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def clean_phone_number(value, message):
    """A UK or international number checked by libphonenumber, stored as E.164 (+447700900123)."""
    value = value.strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException as error:
        raise forms.ValidationError(message) from error
    if not phonenumbers.is_valid_number(number):
        raise forms.ValidationError(message)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class RequestForm(HoneypotMixin):
    name = PlainTextField(
        label=_("Your name"),
        max_length=MAX_NAME,
        error_messages={
            "required": _("Enter your name"),
            "max_length": _("Name must be %(limit_value)d characters or fewer"),
        },
    )
    contact_method = forms.ChoiceField(
        label=_("How should the service contact you?"),
        choices=ContactRequest.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the service should contact you")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("For a phone call or a text message."),
        max_length=30,
        required=False,
        error_messages={"max_length": _("Enter a phone number, like 020 7946 0000 or 07400 123456")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.org")},
    )
    best_times = PlainTextField(
        label=_("When is it best to contact you? (optional)"),
        help_text=_("For example, weekday mornings, or not after 3pm."),
        max_length=MAX_SHORT,
        required=False,
        error_messages={"max_length": _("This must be %(limit_value)d characters or fewer")},
    )
    safe_to_leave_message = forms.ChoiceField(
        label=_("Is it safe to leave a message?"),
        help_text=_("Say no if someone else might hear or read it."),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if it is safe to leave a message")},
    )
    help_wanted = PlainTextField(
        label=_("What would you like help with?"),
        help_text=_("A few sentences are enough. The service will ask for more when they contact you."),
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Enter what you would like help with"),
            "max_length": _("What you would like help with must be %(limit_value)d characters or fewer"),
        },
    )
    consent_to_share = forms.BooleanField(
        label=_("I agree to this service seeing what I have written here and contacting me"),
        error_messages={"required": _("Tick the box to agree to the service seeing your request")},
    )
    send_updates = forms.BooleanField(
        label=_("Send me the reference and news about the request by text or email"),
        help_text=_("Only if you chose text or email above. Leave it unticked if someone else reads your messages."),
        required=False,
    )
    # Set once the urgent help panel has been shown, so the next press of the button sends.
    urgent_help_shown = forms.BooleanField(required=False, widget=forms.HiddenInput)

    phone_message = _("Enter a phone number, like 020 7946 0000 or 07400 123456")

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"], self.phone_message)

    def clean_safe_to_leave_message(self):
        return self.cleaned_data["safe_to_leave_message"] == "yes"

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        needs_phone = method in (ContactRequest.ContactMethod.PHONE, ContactRequest.ContactMethod.TEXT)
        if needs_phone and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Enter a phone number so the service can call or text you"))
        if method == ContactRequest.ContactMethod.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter an email address so the service can email you"))
        return cleaned

    def request_fields(self):
        """What the model stores, from the cleaned data."""
        data = self.cleaned_data
        names = ("name", "contact_method", "phone", "email", "best_times", "safe_to_leave_message", "help_wanted")
        fields = {name: data[name] for name in names}
        fields["consent_to_share"] = data["consent_to_share"]
        fields["send_updates"] = data["send_updates"]
        return fields

    def danger_texts(self):
        return [self.cleaned_data.get("help_wanted", "")]


class ReferralForm(RequestForm):
    """A professional refers a family: the family's details, the professional's own, the reason and the consent."""

    professional_name = PlainTextField(
        label=_("Your name"),
        max_length=MAX_NAME,
        error_messages={"required": _("Enter your name")},
    )
    professional_role = PlainTextField(
        label=_("Your role and organisation"),
        help_text=_("For example, family support worker, Worthing Primary School."),
        max_length=MAX_SHORT,
        error_messages={"required": _("Enter your role and organisation")},
    )
    professional_phone = forms.CharField(label=_("Your work phone number"), max_length=30, required=False)
    professional_email = forms.EmailField(
        label=_("Your work email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your work email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
    )
    referral_reason = PlainTextField(
        label=_("Why are you referring the family?"),
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Enter why you are referring the family"),
            "max_length": _("The reason must be %(limit_value)d characters or fewer"),
        },
    )
    consent_given_by = PlainTextField(
        label=_("Who gave consent?"),
        help_text=_("The parent, carer or young person, and how they are related to the child."),
        max_length=MAX_SHORT,
        error_messages={"required": _("Enter who gave consent")},
    )
    consent_date = forms.DateField(
        label=_("When did they give consent?"),
        help_text=_("For example, 27/3/2026"),
        input_formats=["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %m %Y"],
        error_messages={
            "required": _("Enter the date consent was given"),
            "invalid": _("Enter the date consent was given, like 27/3/2026"),
        },
    )
    consent_method = forms.ChoiceField(
        label=_("How did they give consent?"),
        choices=ContactRequest.ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how consent was given")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("The family's name")
        self.fields["name"].error_messages["required"] = _("Enter the family's name")
        self.fields["contact_method"].label = _("How should the service contact the family?")
        self.fields["best_times"].label = _("When is it best to contact them? (optional)")
        self.fields["help_wanted"].label = _("What would the family like help with?")
        self.fields["help_wanted"].error_messages["required"] = _("Enter what the family would like help with")
        self.fields["consent_to_share"].label = _(
            "The family agreed to this service receiving these details and contacting them"
        )
        self.fields["consent_to_share"].error_messages["required"] = _(
            "Tick the box to confirm the family agreed to the referral"
        )
        self.fields["send_updates"].label = _("Send the family a copy: the reference and a link to follow it")
        self.fields["send_updates"].help_text = _("By text or email, as chosen above. Only if it is safe for them.")
        # The form is in the professional's words about the family.
        self.fields["phone"].label = _("The family's phone number")
        self.fields["email"].label = _("The family's email address")

    def clean_professional_phone(self):
        return clean_phone_number(self.cleaned_data["professional_phone"], self.phone_message)

    def clean_consent_date(self):
        date = self.cleaned_data["consent_date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("The date consent was given must be today or in the past"))
        return date

    def request_fields(self):
        fields = super().request_fields()
        fields.update({name: self.cleaned_data[name] for name in ContactRequest.REFERRAL_FIELDS})
        return fields

    def danger_texts(self):
        return [self.cleaned_data.get("help_wanted", ""), self.cleaned_data.get("referral_reason", "")]


class DeclineForm(forms.Form):
    """The service's reason for declining, which the family sees on the status page."""

    reason = PlainTextField(
        label=_("Reason the family will see"),
        help_text=_("Be kind and plain. Say where else they could try, if you know."),
        max_length=MAX_STORY,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the reason the family will see")},
    )


class SubjectAccessForm(forms.Form):
    """What the person gave to find their requests: a reference, an email address or a phone number."""

    reference = forms.CharField(label=_("Reference"), max_length=12, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=30, required=False)

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"], _("Enter a valid phone number"))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.get(name) for name in ("reference", "email", "phone")):
            raise forms.ValidationError(_("Enter a reference, an email address or a phone number"))
        return cleaned

"""The public forms: report a problem with a listing, suggest a service, choose a poster. None asks who you are."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory import geo
from directory.vocabularies import DistrictTag
from signposting.models import ListingReport
from sitewide.honeypot import HoneypotMixin  # connect imports it from here too

MAX_DETAILS = 1000


class ReportProblemForm(HoneypotMixin):
    reason = forms.ChoiceField(
        label=_("What is wrong with this listing?"),
        choices=ListingReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what is wrong with this listing")},
    )
    details = forms.CharField(
        label=_("Tell us more (optional)"),
        help_text=_("For example, the new phone number or when it closed. Do not include personal details."),
        required=False,
        max_length=MAX_DETAILS,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("Details must be %(limit_value)d characters or fewer"),
        },
    )


class SuggestServiceForm(HoneypotMixin):
    name = forms.CharField(
        label=_("Name of the service"),
        max_length=255,
        error_messages={"required": _("Enter the name of the service")},
    )
    organisation_name = forms.CharField(label=_("Who runs it (optional)"), max_length=255, required=False)
    summary = forms.CharField(
        label=_("What help does it offer?"),
        help_text=_("One or two sentences."),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Enter what help the service offers"),
            "max_length": _("What help it offers must be %(limit_value)d characters or fewer"),
        },
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a website address in the correct format, like www.example.org")},
    )
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={"invalid": _("Enter an email address in the correct format, like name@example.org")},
    )
    town = forms.CharField(label=_("Town or village (optional)"), max_length=100, required=False)
    postcode = forms.CharField(label=_("Postcode (optional)"), max_length=10, required=False)
    details = forms.CharField(
        label=_("Anything else we should know (optional)"),
        help_text=_("For example who it is for, when it runs and how to get it. Do not include personal details."),
        max_length=MAX_DETAILS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": _("This must be %(limit_value)d characters or fewer")},
    )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if not postcode:
            return ""
        try:
            return geo.lookup_postcode(postcode).postcode
        except geo.GeocodingError as error:
            raise forms.ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        fields = ("website", "phone", "email")
        if not any(cleaned.get(name) for name in fields) and not any(name in self.errors for name in fields):
            self.add_error("website", _("Enter at least one way to contact the service: a website, phone or email"))
        return cleaned


class PosterForm(forms.Form):
    """A topic in a district, from the query string: /poster/?topic=parenting&district=E07000226."""

    topic = forms.CharField(
        label=_("Topic"),
        help_text=_("For example parenting, autism or food bank."),
        max_length=60,
        error_messages={"required": _("Enter a topic")},
    )
    district = forms.ChoiceField(
        label=_("District"),
        error_messages={
            "required": _("Select a district"),
            "invalid_choice": _("Select a district from the list"),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a district"))]
        choices += [(tag.code, tag.name) for tag in DistrictTag.objects.order_by("name")]
        self.fields["district"].choices = choices

    def clean_topic(self):
        return " ".join(self.cleaned_data["topic"].split())

    @property
    def district_tag(self):
        return DistrictTag.objects.get(code=self.cleaned_data["district"])

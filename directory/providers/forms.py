"""Forms: inviting a provider, accepting an invite, asking for a new link, uploading a CSV of services."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from directory.models import OrganisationPage


class InviteForm(forms.Form):
    # 150: the email becomes the username.
    email = forms.EmailField(label=_("Their email address"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=OrganisationPage.objects.order_by("title"),
        help_text=_("They will be able to add, edit and submit this organisation's services."),
    )


class AcceptInviteForm(forms.Form):
    """The invitee's account: the invited email is the username; they choose the password."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are different. Type the same password twice."))
        elif password1:
            user = get_user_model()(
                username=self.email,
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class NewLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send it to the directory team only, so they can invite you again. We keep nothing."),
    )


class ServicesCsvForm(forms.Form):
    csv_file = forms.FileField(label=_("CSV file"), help_text=_("Use the template: one row per service location."))
    publish = forms.BooleanField(
        label=_("Publish the services"),
        required=False,
        help_text=_("Leave unticked to create drafts you can check before publishing."),
    )
    create_organisations = forms.BooleanField(
        label=_("Create organisations that do not exist yet"),
        required=False,
        help_text=_("Leave unticked to have unknown organisation names reported (usually a spelling mistake)."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file"), required=False, help_text=_("Report problems without saving anything.")
    )

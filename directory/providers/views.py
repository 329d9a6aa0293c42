"""Public pages of provider onboarding: accept an invite, or ask for a new link when it no longer works."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from directory.providers.forms import AcceptInviteForm, NewLinkForm
from directory.providers.invites import (
    InviteNotUsable,
    accept_invite,
    ask_for_new_link,
    existing_user,
    usable_invite,
)
from directory.providers.models import ProviderInvite


def _not_usable(request, token, error, status=410):
    context = {"reason": error.reason, "token": token, "form": NewLinkForm(), "can_ask": error.invite is not None}
    return render(
        request, "providers/invite_not_usable.html", context, status=404 if error.reason == "unknown" else status
    )


def _log_in(request, user):
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept(request, token):
    try:
        invite = usable_invite(token)
    except InviteNotUsable as error:
        return _not_usable(request, token, error)

    account = existing_user(invite.email)
    form = None
    if request.method == "POST":
        form = AcceptInviteForm(request.POST, email=invite.email) if account is None else None
        if account is not None or form.is_valid():
            details = form.cleaned_data if form else {}
            try:
                user = accept_invite(
                    token,
                    password=details.get("password1"),
                    first_name=details.get("first_name", ""),
                    last_name=details.get("last_name", ""),
                )
            except InviteNotUsable as error:
                return _not_usable(request, token, error)
            if account is not None:
                # They already have a password: the link proves the email, not who is at the keyboard now.
                messages.success(
                    request,
                    _("%(organisation)s is now on your account. Sign in to see it.")
                    % {"organisation": invite.organisation.title},
                )
                return redirect("wagtailadmin_login")
            _log_in(request, user)
            messages.success(
                request,
                _("Welcome. You can now look after the listings of %(organisation)s.")
                % {"organisation": invite.organisation.title},
            )
            return redirect("wagtailadmin_home")
    elif account is None:
        form = AcceptInviteForm(email=invite.email)
    return render(request, "providers/accept_invite.html", {"invite": invite, "form": form, "account": account})


@require_POST
@never_cache
def request_new_link(request, token):
    invite = ProviderInvite.objects.for_token(token)
    if invite is None:
        return _not_usable(request, token, InviteNotUsable("unknown"))
    form = NewLinkForm(request.POST)
    if not form.is_valid():
        context = {"reason": "expired" if invite.is_expired else "used", "token": token, "form": form, "can_ask": True}
        return render(request, "providers/invite_not_usable.html", context, status=400)
    ask_for_new_link(form.cleaned_data["email"], invite)
    return render(request, "providers/new_link_requested.html")

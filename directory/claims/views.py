"""Public pages of claiming: "Is this your service?", what happens next, and the emailed link that confirms."""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from directory.claims import flow
from directory.claims.forms import ClaimForm
from directory.models import ServicePage
from sitewide.ratelimit import limit_posts

# How the person will hear back, named in the thanks page's URL.
BY_EMAIL, BY_TEAM = "email", "team"


def _service(service_id):
    return get_object_or_404(ServicePage.objects.published(), pk=service_id)


def _context(request, service, **extra):
    return {"service": service, "organisation": service.organisation, "service_url": service.get_url(request), **extra}


@never_cache
@limit_posts("claim")
def claim(request, service_id):
    service = _service(service_id)
    organisation = service.organisation
    if request.method != "POST" and flow.is_managed(organisation):
        return render(
            request, "claims/looked_after.html", _context(request, service, message=flow.ALREADY_LOOKED_AFTER)
        )
    form = ClaimForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_spam():
            return redirect("claims:sent", service_id=service.pk, by=BY_TEAM)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitted = flow.submit_claim(
                    organisation,
                    name=data["name"],
                    email=data["email"],
                    role=data["role"],
                    message=data["message"],
                    service=service,
                    base_url=request.build_absolute_uri("/"),
                )
            except flow.ClaimRefused as refusal:
                return render(request, "claims/looked_after.html", _context(request, service, message=refusal.message))
            by = BY_EMAIL if submitted.status == submitted.Status.AWAITING_EMAIL else BY_TEAM
            return redirect("claims:sent", service_id=service.pk, by=by)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = _context(request, service, form=form, retention_days=settings.CLAIM_RETENTION_DAYS)
    return render(request, "claims/claim.html", context, status=status)


def sent(request, service_id, by):
    service = _service(service_id)
    return render(request, "claims/sent.html", _context(request, service, by_email=by == BY_EMAIL))


@never_cache
@limit_posts("claim-confirm")
def confirm(request, token):
    """GET asks, POST confirms: mail scanners open links, and must not use up a single-use link."""
    try:
        if request.method == "POST":
            confirmed = flow.confirm_email(token)
            return render(request, "claims/confirmed.html", {"organisation": confirmed.organisation})
        pending = flow.claim_for_link(token)
    except flow.ClaimLinkNotUsable as error:
        status = 404 if error.reason == "unknown" else 410
        return render(request, "claims/link_not_usable.html", {"message": error.message}, status=status)
    return render(request, "claims/confirm.html", {"organisation": pending.organisation})

"""The public pages: ask to be contacted, refer a family, the status page by reference and secret link."""

from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from connect import audit, messages
from connect.forms import ReferralForm, RequestForm
from connect.models import ContactRequest
from connect.professionals import is_partner_professional
from connect.safeguarding import mentions_danger, professionals_only
from directory.models import ServicePage
from sitewide.ratelimit import limit_posts


def _service(service_id):
    return get_object_or_404(ServicePage.objects.published(), pk=service_id)


def _not_accepting(request, service):
    return render(request, "connect/not_accepting.html", {"service": service}, status=404)


def _status_url(request, contact_request, secret):
    return request.build_absolute_uri(reverse("connect:status", args=[contact_request.reference, secret]))


def _handle(request, service, form_class, template, kind):
    """Show the form; on a valid post show the urgent help panel first if it mentions danger, then send."""
    form = form_class(request.POST if request.method == "POST" else None)
    context = {"form": form, "service": service, "urgent_check": False}
    if request.method == "POST":
        if form.is_spam():
            # Look the same as success to a bot, and store nothing.
            return redirect("connect:spam_sent")
        if form.is_valid():
            if mentions_danger(*form.danger_texts()) and not form.cleaned_data["urgent_help_shown"]:
                # Nothing is stored yet: the person sees the urgent help numbers, then presses send again
                # (the template sets the hidden urgent_help_shown field, so the second press sends).
                context["urgent_check"] = True
                return render(request, template, context)
            fields = form.request_fields()
            with transaction.atomic():
                contact_request, secret = ContactRequest.start(
                    service=service,
                    kind=kind,
                    referred_by=request.user if kind == ContactRequest.Kind.REFERRAL else None,
                    **fields,
                )
                audit.record(contact_request, audit.SENT, user=request.user if request.user.is_authenticated else None)
            status_url = _status_url(request, contact_request, secret)
            messages.new_request(contact_request)
            messages.request_sent(contact_request, status_url)
            return redirect(f"{reverse('connect:status', args=[contact_request.reference, secret])}?sent=1")
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, template, context, status=status)


@limit_posts("connect")
def ask(request, service_id):
    service = _service(service_id)
    if not service.accepts_requests:
        return _not_accepting(request, service)
    if professionals_only(service):
        context = {"service": service, "can_refer": is_partner_professional(request.user)}
        return render(request, "connect/professionals_only.html", context)
    return _handle(request, service, RequestForm, "connect/ask.html", ContactRequest.Kind.FAMILY)


@limit_posts("connect")
def refer(request, service_id):
    service = _service(service_id)
    if not service.accepts_requests:
        return _not_accepting(request, service)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not is_partner_professional(request.user):
        return render(request, "connect/not_a_partner.html", {"service": service}, status=403)
    return _handle(request, service, ReferralForm, "connect/refer.html", ContactRequest.Kind.REFERRAL)


def spam_sent(request):
    return render(request, "connect/spam_sent.html")


def _by_link(reference, secret):
    """The request a status link names; 404 for an unknown code or a secret that does not match (no hint which)."""
    contact_request = ContactRequest.objects.select_related("service").filter(reference=reference.upper()).first()
    if contact_request is None or not contact_request.secret_matches(secret):
        raise Http404("No such request")
    return contact_request


def status(request, reference, secret):
    contact_request = _by_link(reference, secret)
    context = {"contact_request": contact_request, "secret": secret, "just_sent": request.GET.get("sent") == "1"}
    response = render(request, "connect/status.html", context)
    # The address holds the secret: keep it out of caches and other sites' logs.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
@limit_posts("connect-delete")
def delete(request, reference, secret):
    contact_request = _by_link(reference, secret)
    with transaction.atomic():
        audit.record(contact_request, audit.DELETED_BY_FAMILY, deleted=True)
        contact_request.delete()
    return render(request, "connect/deleted.html", {"reference": reference.upper()})

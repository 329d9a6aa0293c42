"""Public signposting pages: the shortlist and its share, print and text forms, posters, reports."""

import functools
from urllib.parse import urlencode, urlsplit

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from directory import geo
from directory.models import ServicePage
from directory.vocabularies import DistrictTag
from signposting import calendars, notify, posters, shortlist
from signposting.cards import service_cards, shortlist_text
from signposting.drafts import create_suggestion
from signposting.forms import PosterForm, ReportProblemForm, SuggestServiceForm
from signposting.models import ListingReport
from signposting.qr import qr_svg
from sitewide.links import search_path
from sitewide.ratelimit import limit_posts

# The searcher's place as typed, carried in the URL (never stored): longer text is not a place.
MAX_NEAR_LENGTH = 60


# --- Helpers ----------------------------------------------------------------------


def safe_next(request, fallback):
    """Where to go back to after a shortlist button: only a path on this site, never another host."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        parts = urlsplit(target)
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return fallback


def same_origin_only(view):
    """Refuse posts another site's page sends.

    The shortlist buttons sit on search results, and searching must set no cookie, so they carry no
    CSRF token (the token would need its cookie). Instead: the session cookie is SameSite=Lax, so a
    cross-site post never reaches anyone's shortlist, and this check turns away posts a browser marks
    as coming from another origin. The worst a forged post could do is change a list of public services.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if shortlist.posted_from_another_site(request):
            return refused(request)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def refused(request):
    return render(request, "signposting/refused.html", status=403)


def not_found(request, message):
    return render(request, "signposting/not_found.html", {"message": message}, status=404)


def searcher_point(request):
    """The place the searcher gave (`?near=`, from the search's own URL), or None: never kept anywhere."""
    text = (request.GET.get("near") or "").strip()
    if not text or len(text) > MAX_NEAR_LENGTH:
        return None
    try:
        return geo.resolve_place(text)
    except (geo.GeocodingError, ValueError):
        # Only which site comes first depends on it: an unknown place shows the first site.
        return None


def near_query(request):
    """ "?near=…" to carry the searcher's place on to the print view and posters, or ""."""
    text = (request.GET.get("near") or "").strip()
    return "?" + urlencode({"near": text}) if text and len(text) <= MAX_NEAR_LENGTH else ""


def _district(request):
    code = (request.GET.get("district") or "").strip()
    return DistrictTag.objects.filter(code=code).first() if code else None


def _service_id(request):
    try:
        return int(request.POST.get("service", ""))
    except ValueError:
        return None


# --- The shortlist ----------------------------------------------------------------


@require_POST
@same_origin_only
def shortlist_add(request):
    service_id = _service_id(request)
    if service_id is None or not shortlist.is_published(service_id):
        return not_found(request, _("That service is not listed any more, so it cannot be added to your shortlist."))
    if not shortlist.add(request, service_id):
        return render(request, "signposting/shortlist_full.html", {"limit": shortlist.MAX_SERVICES}, status=400)
    return HttpResponseRedirect(f"{safe_next(request, reverse('signposting:shortlist'))}#shortlist-{service_id}")


@require_POST
@same_origin_only
def shortlist_remove(request):
    service_id = _service_id(request)
    if service_id is None:
        return HttpResponseRedirect(safe_next(request, reverse("signposting:shortlist")))
    shortlist.remove(request, service_id)
    # Back at the service's "Add" button, as adding comes back at its "In your shortlist".
    return HttpResponseRedirect(f"{safe_next(request, reverse('signposting:shortlist'))}#shortlist-{service_id}")


@require_POST
@same_origin_only
def shortlist_clear(request):
    shortlist.clear(request)
    return redirect("signposting:shortlist")


@require_POST
@same_origin_only
def shortlist_keep(request, ids):
    """Copy a shared list into the visitor's own shortlist (added to what they already have)."""
    shared = shortlist.parse_share(ids)
    if shared is None:
        return not_found(request, _("This link to a shortlist is not complete. Ask for the link again."))
    for service in shortlist.published_in_order(shared):
        shortlist.add(request, service.pk)
    return redirect("signposting:shortlist")


def _shortlist_context(request, ids, shared):
    services = shortlist.published_in_order(ids)
    token = shortlist.share_token(service.pk for service in services)
    share_path = reverse("signposting:shortlist_shared", args=[token]) if services else ""
    cards = service_cards(request, services, point=searcher_point(request))
    return {
        "cards": cards,
        "shared": shared,
        "removable": not shared,
        "dropped": len(ids) - len(services),
        "share_url": request.build_absolute_uri(share_path) if share_path else "",
        "share_path": share_path,
        "token": token,
        "text": shortlist_text(cards, request.build_absolute_uri(share_path) if share_path else ""),
        "limit": shortlist.MAX_SERVICES,
        # The searcher's place goes on to the print view, never into the share link (it names only services).
        "near_query": "" if shared else near_query(request),
    }


def shortlist_page(request):
    return render(
        request, "signposting/shortlist.html", _shortlist_context(request, shortlist.service_ids(request), False)
    )


def shortlist_shared(request, ids):
    shared = shortlist.parse_share(ids)
    if shared is None:
        return not_found(request, _("This link to a shortlist is not complete. Ask for the link again."))
    return render(request, "signposting/shortlist.html", _shortlist_context(request, shared, True))


def shortlist_print(request, ids=None):
    if ids is None:
        chosen = shortlist.service_ids(request)
    else:
        chosen = shortlist.parse_share(ids)
        if chosen is None:
            return not_found(request, _("This link to a shortlist is not complete. Ask for the link again."))
    context = _shortlist_context(request, chosen, ids is not None)
    for card in context["cards"]:
        card["qr"] = qr_svg(card["absolute_url"], _("QR code for the page about %(name)s") % {"name": card["name"]})
    context["back_url"] = (
        context["share_path"] if ids is not None else reverse("signposting:shortlist") + context["near_query"]
    )
    return render(request, "signposting/shortlist_print.html", context)


# --- Posters ----------------------------------------------------------------------


def _calendar_response(request, services, name, filename):
    body = calendars.calendar_for(services, request, name=name).to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def service_calendar(request, service_id):
    """A service's sessions as an .ics calendar."""
    service = get_object_or_404(ServicePage.objects.published(), pk=service_id)
    return _calendar_response(request, [service], service.title, f"{service.slug}.ics")


def shortlist_calendar(request, ids):
    """Every session of the services in a shared shortlist, in one .ics calendar."""
    chosen = shortlist.parse_share(ids)
    if chosen is None:
        return not_found(request, _("This link to a shortlist is not complete. Ask for the link again."))
    services = shortlist.published_in_order(chosen)
    return _calendar_response(request, services, _("Shortlist"), "shortlist.ics")


def service_poster(request, service_id):
    """One service on a page: the site nearest `?near=`, or the first in `?district=`, or its first site."""
    service = get_object_or_404(ServicePage.objects.published().prefetch_related("locations__district"), pk=service_id)
    district = _district(request)
    card = service_cards(request, [service], point=searcher_point(request), district=district)[0]
    context = {
        "card": card,
        "service": service,
        "district": district,
        "qr": qr_svg(card["absolute_url"], _("QR code for the page about %(name)s") % {"name": service.title}),
    }
    return render(request, "signposting/poster_service.html", context)


def topic_poster(request):
    """A topic in a district on one A4 page: the services that fit, their sites there, a QR code for the rest."""
    if not request.GET:
        return render(request, "signposting/poster_form.html", {"form": PosterForm()})
    form = PosterForm(request.GET)
    if not form.is_valid():
        return render(request, "signposting/poster_form.html", {"form": form}, status=400)
    topic, district = form.cleaned_data["topic"], form.district_tag
    ids, total = posters.district_services(topic, district)
    if not ids:
        return _empty_poster(request, topic, district)
    services = shortlist.published_in_order(ids)
    cards = posters.fit(service_cards(request, services, district=district))
    search_url = request.build_absolute_uri(search_path(q=topic, district=district.code))
    context = {
        "topic": topic,
        "district": district,
        "heading": _("%(topic)s support in %(district)s")
        % {"topic": topic[:1].upper() + topic[1:], "district": district.name},
        "cards": cards,
        "total": total,
        "more": max(0, total - len(cards)),
        "search_url": search_url,
        "qr": qr_svg(
            search_url,
            _("QR code for the search for %(topic)s in %(district)s") % {"topic": topic, "district": district.name},
        ),
    }
    return render(request, "signposting/poster_topic.html", context)


def _empty_poster(request, topic, district):
    """No poster of nothing: say so, and offer the nearest district that has services for the topic."""
    nearest, count = posters.nearest_district_with(topic, district)
    context = {
        "topic": topic,
        "district": district,
        "nearest": nearest,
        "count": count,
        "form": PosterForm(request.GET),
    }
    if nearest is not None:
        context["nearest_url"] = (
            reverse("signposting:topic_poster") + "?" + urlencode({"topic": topic, "district": nearest.code})
        )
    return render(request, "signposting/poster_empty.html", context, status=404)


# --- Reports from the public ------------------------------------------------------


@limit_posts("report")
def report_problem(request, service_id):
    service = get_object_or_404(ServicePage.objects.published(), pk=service_id)
    form = ReportProblemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_spam():
            return redirect("signposting:report_thanks", service_id=service.pk)
        if form.is_valid():
            report = ListingReport.objects.create(
                service=service, reason=form.cleaned_data["reason"], details=form.cleaned_data["details"]
            )
            notify.listing_reported(report)
            return redirect("signposting:report_thanks", service_id=service.pk)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"form": form, "service": service, "service_url": service.get_url(request)}
    return render(request, "signposting/report_problem.html", context, status=status)


def report_thanks(request, service_id):
    service = get_object_or_404(ServicePage.objects.published(), pk=service_id)
    context = {"service": service, "service_url": service.get_url(request)}
    return render(request, "signposting/report_thanks.html", context)


@limit_posts("suggest")
def suggest_service(request):
    form = SuggestServiceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_spam():
            return redirect("signposting:suggest_thanks")
        if form.is_valid():
            suggestion = create_suggestion(form.cleaned_data)
            notify.service_suggested(suggestion)
            return redirect("signposting:suggest_thanks")
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "signposting/suggest_service.html", {"form": form}, status=status)


def suggest_thanks(request):
    return render(request, "signposting/suggest_thanks.html")

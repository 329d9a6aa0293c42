"""The directory team's screens: claims to check, and one claim with approve, refuse or "send the email check"."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.claims import flow
from directory.claims.domains import listing_domains, on_listing_domain
from directory.claims.forms import DecisionForm
from directory.claims.models import Claim, ClaimEvent
from directory.providers.access import DirectoryTeamOnly

PAGE_SIZE = 50


class ClaimListView(DirectoryTeamOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Claims to manage a listing")
    header_icon = "key"
    template_name = "claims/admin/index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "undecided")
        claims = Claim.objects.select_related("organisation")
        if status in Claim.Status.values:
            claims = claims.filter(status=status)
        elif status == "undecided":
            claims = claims.undecided()
        else:
            status = "all"
        context.update(
            {
                "page_obj": Paginator(claims, PAGE_SIZE).get_page(self.request.GET.get("p")),
                "status": status,
                "statuses": Claim.Status.choices,
            }
        )
        return context


class ClaimAuditView(DirectoryTeamOnly, WagtailAdminTemplateMixin, TemplateView):
    """Every step, newest first, including those with no claim left: bad links, refusals, purges."""

    page_title = gettext_lazy("Claims: audit trail")
    header_icon = "history"
    template_name = "claims/admin/audit.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("claims_admin:index"), "label": ClaimListView.page_title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = ClaimEvent.objects.select_related("organisation", "actor").order_by("-at", "-pk")
        context["page_obj"] = Paginator(events, PAGE_SIZE * 2).get_page(self.request.GET.get("p"))
        return context


class ClaimView(DirectoryTeamOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Claim to manage a listing")
    header_icon = "key"
    template_name = "claims/admin/claim.html"

    def dispatch(self, request, *args, **kwargs):
        self.claim = get_object_or_404(Claim.objects.select_related("organisation", "decided_by"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.claim.organisation.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("claims_admin:index"), "label": ClaimListView.page_title},
            {"url": "", "label": self.claim.organisation.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.claim.organisation
        context.update(
            {
                "claim": self.claim,
                "form": kwargs.get("form") or DecisionForm(),
                "domains": listing_domains(organisation),
                "on_domain": on_listing_domain(self.claim.email, organisation),
                "managed": flow.is_managed(organisation),
                "events": self.claim.events.select_related("actor"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose approve, refuse or send the email check, and keep the note short."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        base_url = request.build_absolute_uri("/")
        try:
            if decision == "approve":
                flow.approve(self.claim, request.user, note, base_url=base_url)
                messages.success(
                    request,
                    _("Approved. %(email)s has an invite to look after %(organisation)s; the link works for 7 days.")
                    % {"email": self.claim.email, "organisation": self.claim.organisation.title},
                )
            elif decision == "refuse":
                flow.refuse(self.claim, request.user, note)
                messages.success(request, _("Refused. We have told them by email."))
            else:
                flow.send_check_again(self.claim, request.user, base_url=base_url)
                messages.success(request, _("Sent a new email check to %(email)s.") % {"email": self.claim.email})
        except flow.ClaimRefused as refusal:
            messages.error(request, str(refusal.message))
        return redirect("claims_admin:claim", pk=self.claim.pk)

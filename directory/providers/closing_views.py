"""Admin views for closures: the provider's "This service has closed" form and the team's queue to decide them."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from directory.models import ServicePage
from directory.providers.access import DirectoryTeamOnly
from directory.providers.closing import (
    MAX_REASON,
    ClosureRefused,
    approve_closure,
    ask_to_close,
    can_ask_to_close,
    decline_closure,
    pending_closure,
)
from directory.providers.listings import attach_organisations
from directory.providers.models import ClosureRequest


class CloseServiceForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why has it closed?"),
        help_text=gettext_lazy(
            "For example: funding ended in March; it moved into another service (say which). "
            "The directory team reads this before taking the listing down."
        ),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Say why the service has closed.")},
    )


class CloseServiceView(WagtailAdminTemplateMixin, TemplateView):
    """One step: the reason, then a request for the directory team; the page stays up until they approve."""

    page_title = gettext_lazy("This service has closed")
    header_icon = "warning"
    template_name = "providers/closing/close_service.html"

    def dispatch(self, request, *args, **kwargs):
        self.service = get_object_or_404(ServicePage, pk=kwargs["page_id"])
        if not can_ask_to_close(request.user, self.service):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.service.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailadmin_pages:edit", args=[self.service.pk]), "label": self.service.title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            service=self.service,
            pending=pending_closure(self.service),
            form=kwargs.get("form") or CloseServiceForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CloseServiceForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            ask_to_close(self.service, request.user, form.cleaned_data["reason"])
        except ClosureRefused as refusal:
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("Thank you. The directory team will check and take “%(title)s” off the directory.")
            % {"title": self.service.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.service.pk]))


class ClosuresView(DirectoryTeamOnly, WagtailAdminTemplateMixin, TemplateView):
    """The directory team's queue: closures waiting for a decision, and the last ones decided."""

    page_title = gettext_lazy("Closures to approve")
    header_icon = "tasks"
    template_name = "providers/closing/closures.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = ClosureRequest.objects.select_related("service", "requested_by", "decided_by")
        pending = list(queue.filter(status=ClosureRequest.Status.PENDING))
        attach_organisations([closure.service for closure in pending])
        context["pending"] = pending
        context["decided"] = list(queue.exclude(status=ClosureRequest.Status.PENDING).order_by("-decided_at")[:20])
        return context

    def post(self, request, *args, **kwargs):
        closure_id = request.POST.get("closure", "")
        closure = get_object_or_404(ClosureRequest, pk=int(closure_id) if closure_id.isdigit() else 0)
        try:
            if request.POST.get("decision") == "approve":
                approve_closure(closure, request.user)
                messages.success(request, _("“%(title)s” is unpublished.") % {"title": closure.service.title})
            else:
                decline_closure(closure, request.user, request.POST.get("note", ""))
                messages.success(request, _("“%(title)s” stays published.") % {"title": closure.service.title})
        except ClosureRefused as refusal:
            messages.error(request, str(refusal))
        return redirect(reverse("providers_review:closures"))

"""The provider's inbox in the Wagtail admin: the list, one request (each opening audited), and its answer."""

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from connect import audit, messages, subject_access
from connect.forms import DeclineForm, SubjectAccessForm
from connect.inbox import can_use_inbox, requests_for, status_counts
from connect.models import ContactRequest
from directory.providers.access import DirectoryTeamOnly, is_directory_team

PAGE_SIZE = 50
ACTIONS = {
    "accept": (ContactRequest.Status.ACCEPTED, audit.ACCEPTED),
    "decline": (ContactRequest.Status.DECLINED, audit.DECLINED),
    "close": (ContactRequest.Status.CLOSED, audit.CLOSED),
}


class InboxAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_use_inbox(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class InboxView(InboxAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """The list shows references, services and statuses only: names and stories open one request at a time."""

    page_title = gettext_lazy("Requests")
    header_icon = "mail"
    template_name = "connect/admin/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        requests = requests_for(self.request.user)
        if status in ContactRequest.Status.values:
            requests = requests.filter(status=status)
        else:
            status = ""
        page = Paginator(requests.only("pk", "reference", "kind", "status", "created_at", "service__title"), PAGE_SIZE)
        context.update(
            {
                "page_obj": page.get_page(self.request.GET.get("p")),
                "status": status,
                "statuses": ContactRequest.Status.choices,
                "counts": status_counts(self.request.user),
                "is_team": is_directory_team(self.request.user),
            }
        )
        return context


class RequestView(InboxAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Request")
    header_icon = "mail"
    template_name = "connect/admin/request.html"

    def get_object(self):
        # Another organisation's request is "not found", exactly like one that does not exist.
        return get_object_or_404(requests_for(self.request.user), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.object.reference

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.object.mark_seen()
        audit.record(self.object, audit.VIEWED, user=request.user)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        action = ACTIONS.get(request.POST.get("action", ""))
        if action is None:
            raise Http404("No such action")
        status, log_action = action
        reason = ""
        if status == ContactRequest.Status.DECLINED:
            form = DeclineForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(decline_form=form), status=400)
            reason = form.cleaned_data["reason"]
        if not self.object.respond(status, reason):
            flash.error(
                request, _("That request is already %(status)s.") % {"status": self.object.get_status_display()}
            )
            return redirect("connect_admin:request", pk=self.object.pk)
        audit.record(self.object, log_action, user=request.user)
        messages.request_updated(self.object)
        flash.success(
            request,
            _("Request %(reference)s is now %(status)s.")
            % {
                "reference": self.object.reference,
                "status": self.object.get_status_display().lower(),
            },
        )
        return redirect("connect_admin:request", pk=self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("decline_form", DeclineForm())
        context["contact_request"] = self.object
        context["organisation"] = self.object.organisation
        return context


class SubjectAccessView(DirectoryTeamOnly, WagtailAdminTemplateMixin, TemplateView):
    """The directory team finds a person's requests (by reference, email or phone) and downloads them."""

    page_title = gettext_lazy("Subject access export")
    header_icon = "download"
    template_name = "connect/admin/subject_access.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", SubjectAccessForm())
        return context

    def post(self, request, *args, **kwargs):
        form = SubjectAccessForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        found = subject_access.find(**form.cleaned_data)
        if not found:
            return self.render_to_response(self.get_context_data(form=form, nothing_found=True))
        for contact_request in found:
            audit.record(contact_request, audit.EXPORTED, user=request.user)
        return subject_access.download_requests(found)

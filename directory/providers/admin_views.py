"""Admin views: invite a provider, confirm a listing is still correct, import services from a CSV."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_GET
from django.views.generic import FormView, TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.exchange.csv_import import CsvImportError, import_services_csv
from directory.models import ServicePage
from directory.providers.access import is_directory_team
from directory.providers.forms import InviteForm, ServicesCsvForm
from directory.providers.freshness import confirm_still_correct
from directory.providers.invites import invite_provider
from directory.providers.models import ProviderInvite

CSV_TEMPLATE = settings.BASE_DIR / "docs" / "services-template.csv"


class DirectoryTeamOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_directory_team(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class InviteProviderView(DirectoryTeamOnlyMixin, WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Invite a provider")
    header_icon = "mail"
    template_name = "providers/admin/invite.html"
    form_class = InviteForm

    def get_initial(self):
        return {"organisation": self.request.GET.get("organisation")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recent_invites"] = ProviderInvite.objects.select_related("organisation")[:20]
        context["now"] = timezone.now()
        return context

    def form_valid(self, form):
        invite = invite_provider(
            form.cleaned_data["email"],
            form.cleaned_data["organisation"],
            invited_by=self.request.user,
            base_url=self.request.build_absolute_uri("/"),
        )
        messages.success(
            self.request,
            _("Invite sent to %(email)s for %(organisation)s. The link works once, for 7 days.")
            % {"email": invite.email, "organisation": invite.organisation.title},
        )
        return redirect("providers_admin:invite")


class StillCorrectView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm, POST records today's check; anyone who may edit the listing may confirm it."""

    page_title = gettext_lazy("Still correct?")
    header_icon = "tick"
    template_name = "providers/admin/still_correct.html"

    def dispatch(self, request, *args, **kwargs):
        self.service = get_object_or_404(ServicePage, pk=kwargs["page_id"])
        if not self.service.permissions_for_user(request.user).can_edit():
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.service.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["service"] = self.service
        context["pending_changes"] = self.service.has_unpublished_changes or self.service.workflow_in_progress
        return context

    def post(self, request, *args, **kwargs):
        confirm_still_correct(self.service, request.user)
        messages.success(
            request,
            _("Thank you. “%(title)s” is marked as checked today.") % {"title": self.service.title},
        )
        next_url = request.POST.get("next")
        if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            return redirect(next_url)
        return redirect(reverse("wagtailadmin_pages:edit", args=[self.service.pk]))


@method_decorator(require_GET, name="dispatch")
class CsvTemplateView(DirectoryTeamOnlyMixin, View):
    """The sample file from docs/, as a download."""

    def get(self, request):
        return FileResponse(
            open(CSV_TEMPLATE, "rb"),  # noqa: SIM115  (FileResponse closes it)
            as_attachment=True,
            filename=CSV_TEMPLATE.name,
            content_type="text/csv",
        )


class ImportServicesView(DirectoryTeamOnlyMixin, WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Import services from a CSV file")
    header_icon = "upload"
    template_name = "providers/admin/import_services.html"
    form_class = ServicesCsvForm

    def form_valid(self, form):
        upload = form.cleaned_data["csv_file"]
        try:
            result = import_services_csv(
                upload.read(),
                publish=form.cleaned_data["publish"],
                dry_run=form.cleaned_data["dry_run"],
                create_organisations=form.cleaned_data["create_organisations"],
                user=self.request.user,
            )
        except CsvImportError as error:
            return self.render_to_response(self.get_context_data(form=form, problems=error.problems))
        return self.render_to_response(self.get_context_data(form=self.form_class(), result=result))

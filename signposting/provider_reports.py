"""The provider's screen: public reports about their own listings (only theirs), each with "Mark fixed"."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.providers.access import organisations_for
from signposting.report_status import NotYours, mark_fixed_by_provider, reports_for

MAX_CLOSED_SHOWN = 50


def can_see_own_reports(user):
    return user.is_active and organisations_for(user).exists()


class OwnReportsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_see_own_reports(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class ProviderReportsView(OwnReportsOnly, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Reports about your listings")
    header_icon = "warning"
    template_name = "signposting/admin/provider_reports.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = reports_for(self.request.user).select_related("service")
        context["open_reports"] = reports.filter(status__in=reports.model.OPEN_STATUSES).order_by("created_at")
        context["closed_reports"] = reports.exclude(status__in=reports.model.OPEN_STATUSES)[:MAX_CLOSED_SHOWN]
        return context


class MarkFixedView(OwnReportsOnly, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            report = mark_fixed_by_provider(pk, request.user)
        except NotYours:
            messages.error(request, _("That report is not about one of your listings, or it is already closed."))
            return redirect("provider_reports:index")
        messages.success(
            request,
            _("Thank you. The report about “%(name)s” is marked fixed; the directory team will check the listing.")
            % {"name": report.service.title},
        )
        return redirect("provider_reports:index")

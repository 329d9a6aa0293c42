"""Admin views: invite a provider, confirm listings are still correct, review a provider's changes, import a CSV."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from directory.exchange.csv_import import CsvImportError, import_services_csv
from directory.models import ServicePage
from directory.providers.access import DirectoryTeamOnly, is_directory_team
from directory.providers.forms import InviteForm, ServicesCsvForm
from directory.providers.freshness import confirm_still_correct
from directory.providers.invites import invite_provider
from directory.providers.listings import services_for
from directory.providers.models import ProviderInvite
from directory.providers.moderation import APPROVE, REQUEST_CHANGES, NotAwaitingReview, decide, submission_for

CSV_TEMPLATE = settings.BASE_DIR / "docs" / "services-template.csv"


class InviteProviderView(DirectoryTeamOnly, WagtailAdminTemplateMixin, FormView):
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


def _safe_next(request):
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return None


def listings_home(user):
    """Where someone who looks after listings returns: a provider's dashboard, the team's "Listings to check"."""
    return reverse("providers_admin:listings_to_check") if is_directory_team(user) else reverse("wagtailadmin_home")


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
        return redirect(_safe_next(request) or listings_home(request.user))


@method_decorator(require_POST, name="dispatch")
class BulkStillCorrectView(View):
    """Confirm several listings at once; ids for services the user may not edit are refused, politely, and untouched."""

    def post(self, request):
        asked = request.POST.getlist("service")
        wanted = {int(value) for value in asked if value.isdigit()}
        own = [
            service
            for service in services_for(request.user).filter(pk__in=wanted).order_by("title")
            if service.permissions_for_user(request.user).can_edit()
        ]
        for service in own:
            confirm_still_correct(service, request.user)
        refused = len(set(asked)) - len(own)
        if own:
            messages.success(
                request,
                ngettext(
                    "Thank you. %(count)d listing is marked as checked today: %(titles)s.",
                    "Thank you. %(count)d listings are marked as checked today: %(titles)s.",
                    len(own),
                )
                % {"count": len(own), "titles": ", ".join(f"“{service.title}”" for service in own)},
            )
        elif not asked:
            messages.warning(request, _("Tick the listings that are still correct, then press “Still correct”."))
        if refused:
            messages.error(
                request,
                ngettext(
                    "%(count)d listing was not marked: it is not one you look after, so nothing changed there.",
                    "%(count)d listings were not marked: they are not ones you look after, so nothing changed there.",
                    refused,
                )
                % {"count": refused},
            )
        return redirect(_safe_next(request) or listings_home(request.user))


class ReviewChangesView(WagtailAdminTemplateMixin, TemplateView):
    """What a provider changed, who sent it for which organisation, and the decision on the same page."""

    page_title = gettext_lazy("Review changes")
    header_icon = "doc-empty-inverse"
    template_name = "providers/admin/review_changes.html"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        try:
            self.submission = submission_for(self.page, request.user)
        except NotAwaitingReview:
            if self.page.workflow_in_progress and not is_directory_team(request.user):
                return permission_denied(request)
            messages.warning(
                request,
                _("“%(title)s” has no changes waiting for you to check: someone may have decided already.")
                % {"title": self.page.get_admin_display_title()},
            )
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}
        ]

    def comparison(self):
        before = self.page if self.page.live else self.page.specific_class()
        after = self.submission.revision.as_object()
        panel = self.page.get_edit_handler().get_bound_panel(instance=self.page, request=self.request, form=None)
        return [diff for diff in (compare(before, after) for compare in panel.get_comparison()) if diff.has_changed()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            submission=self.submission,
            page=self.page,
            comparison=self.comparison(),
            approve=APPROVE,
            request_changes=REQUEST_CHANGES,
            comment=kwargs.get("comment", ""),
            comment_error=kwargs.get("comment_error", ""),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        comment = request.POST.get("comment", "").strip()
        if action not in (APPROVE, REQUEST_CHANGES):
            messages.error(request, _("Choose “Approve and publish” or “Request changes”."))
            return self.render_to_response(self.get_context_data(comment=comment))
        if action == REQUEST_CHANGES and not comment:
            error = _("Say what needs changing: the provider sees your comment on their dashboard and in the editor.")
            return self.render_to_response(self.get_context_data(comment=comment, comment_error=error))
        decide(self.submission, request.user, action, comment=comment)
        values = {
            "title": self.page.get_admin_display_title(),
            "organisation": self.submission.organisation.title if self.submission.organisation else _("the provider"),
        }
        if action == APPROVE:
            messages.success(request, _("Approved. “%(title)s” is now live on the public site.") % values)
        else:
            messages.success(
                request,
                _("Changes requested. “%(title)s” went back to %(organisation)s with your comment.") % values,
            )
        return redirect(_safe_next(request) or "wagtailadmin_home")


@method_decorator(require_GET, name="dispatch")
class CsvTemplateView(DirectoryTeamOnly, View):
    """The sample file from docs/, as a download."""

    def get(self, request):
        return FileResponse(
            open(CSV_TEMPLATE, "rb"),  # noqa: SIM115  (FileResponse closes it)
            as_attachment=True,
            filename=CSV_TEMPLATE.name,
            content_type="text/csv",
        )


class ImportServicesView(DirectoryTeamOnly, WagtailAdminTemplateMixin, FormView):
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

"""Admin views for watching: watch or stop watching one page, and "My watches" (with a search to add more)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from directory.models import OrganisationPage
from directory.watching.access import (
    WatchRefused,
    check_can_watch,
    may_watch,
    sees_drafts,
    sees_public_reports,
    watchable_pages,
)
from directory.watching.models import Watch

MAX_SEARCH_RESULTS = 20
MAX_QUERY = 100


class WatchersOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_watch(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


def _back(request, fallback):
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return fallback


class WatchPageView(WatchersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET says what watching means; POST starts or stops watching. Pages the person may not see are refused."""

    page_title = gettext_lazy("Watch")
    header_icon = "view"
    template_name = "watching/watch_page.html"

    def dispatch(self, request, *args, **kwargs):
        # Not called `page_id`: commissioners may watch published pages they have no admin rights on.
        self.target = get_object_or_404(Page, pk=kwargs["target_id"]).specific
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.target.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("watching:my_watches"), "label": _("My watches")},
            {"url": "", "label": self.target.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        refusal = None
        try:
            check_can_watch(self.request.user, self.target)
        except WatchRefused as error:
            refusal = str(error)
        context.update(
            target=self.target,
            refusal=refusal,
            watching=Watch.objects.filter(user=self.request.user, page=self.target).exists(),
            next=_back(self.request, ""),
            is_organisation=self.target.specific_class is OrganisationPage,
            sees_public_reports=sees_public_reports(self.request.user),
        )
        return context

    def post(self, request, *args, **kwargs):
        watch = Watch.objects.filter(user=request.user, page=self.target)
        if request.POST.get("action") == "stop":
            watch.delete()
            messages.success(request, _("You no longer watch “%(title)s”.") % {"title": self.target.title})
            return redirect(_back(request, reverse("watching:my_watches")))
        try:
            check_can_watch(request.user, self.target)
        except WatchRefused as error:
            messages.error(request, str(error))
            return redirect(reverse("watching:my_watches"))
        Watch.objects.get_or_create(user=request.user, page=self.target)
        messages.success(
            request,
            _("You watch “%(title)s”: one email a day when something changes.") % {"title": self.target.title},
        )
        return redirect(_back(request, reverse("watching:my_watches")))


class MyWatchesView(WatchersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("My watches")
    header_icon = "view"
    template_name = "watching/my_watches.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        watches = list(Watch.objects.filter(user=user).select_related("page", "page__content_type"))
        query = self.request.GET.get("q", "").strip()[:MAX_QUERY]
        found = []
        if query:
            watched_ids = {watch.page_id for watch in watches}
            found = [
                page
                for page in watchable_pages(user).filter(title__icontains=query).order_by("title")[:MAX_SEARCH_RESULTS]
                if page.pk not in watched_ids
            ]
        context.update(
            watches=watches,
            query=query,
            found=found,
            sees_drafts=sees_drafts(user),
        )
        return context

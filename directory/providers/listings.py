"""What a provider or the directory team sees about listings: status, organisation, open public reports."""

from django.apps import apps
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from directory.models import OrganisationPage, ServicePage
from directory.providers.access import is_directory_team, organisations_for

STATUS_IN_MODERATION = _("In moderation")
STATUS_DRAFT = _("Draft")
STATUS_LIVE_WITH_CHANGES = _("Live, with changes not yet published")
STATUS_LIVE = _("Live")


def services_for(user):
    """Services under the organisations the user looks after (every service for the directory team)."""
    if is_directory_team(user):
        return ServicePage.objects.all()
    organisations = list(organisations_for(user).only("path"))
    if not organisations:
        return ServicePage.objects.none()
    under_any = Q()
    for organisation in organisations:
        under_any |= Q(path__startswith=organisation.path)
    return ServicePage.objects.filter(under_any)


def listing_status(service):
    if service.workflow_in_progress:
        return STATUS_IN_MODERATION
    if not service.live:
        return STATUS_DRAFT
    if service.has_unpublished_changes:
        return STATUS_LIVE_WITH_CHANGES
    return STATUS_LIVE


def attach_organisations(services):
    """Set `organisation_title` on each service with one query (the parent's path is the first depth-1 steps)."""
    services = list(services)
    parent_paths = {service.path[: -ServicePage.steplen] for service in services}
    titles = dict(OrganisationPage.objects.filter(path__in=parent_paths).values_list("path", "title"))
    for service in services:
        service.organisation_title = titles.get(service.path[: -ServicePage.steplen], "")
    return services


def listing_report_model():
    """signposting.ListingReport when that app provides it, else None."""
    if not apps.is_installed("signposting"):
        return None
    try:
        return apps.get_model("signposting", "ListingReport")
    except LookupError:
        return None


def open_report_counts(service_ids):
    """{service id: number of open public reports}; empty when there is no report model."""
    model = listing_report_model()
    if model is None:
        return {}
    reports = model.objects.filter(service_id__in=list(service_ids))
    field_names = {field.name for field in model._meta.get_fields()}
    if "status" in field_names:
        reports = reports.filter(status__in=getattr(model, "OPEN_STATUSES", ("open",)))
    counts = reports.order_by().values("service_id").annotate(count=Count("pk"))
    return dict(counts.values_list("service_id", "count"))

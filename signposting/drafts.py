"""Suggested services become draft ServicePages under a hidden "Suggested services" organisation."""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from directory.models import DirectoryIndexPage, Location, OrganisationPage, ServicePage
from signposting.models import ServiceSuggestion

SUGGESTED_SLUG = "suggested-services"
SUGGESTED_TITLE = "Suggested services"


def suggested_services_parent():
    """The unpublished organisation that holds suggestions until the team moves each to its real provider."""
    parent = OrganisationPage.objects.filter(slug=SUGGESTED_SLUG).first()
    if parent is None:
        index = DirectoryIndexPage.objects.first()
        parent = OrganisationPage(
            title=SUGGESTED_TITLE,
            slug=SUGGESTED_SLUG,
            live=False,
            summary="Services suggested by the public, waiting for the directory team to check them.",
        )
        index.add_child(instance=parent)
    return parent


def _description(data):
    parts = []
    if data.get("organisation_name"):
        parts.append(f"<p>Run by: {escape(data['organisation_name'])}</p>")
    if data.get("details"):
        parts.append(f"<p>{escape(data['details'])}</p>")
    return "".join(parts)


@transaction.atomic
def create_suggestion(data):
    """A draft (never live) service from the form's cleaned data, and the record the team works from."""
    parent = suggested_services_parent()
    page = ServicePage(
        title=data["name"],
        slug=find_available_slug(parent, slugify(data["name"])[:60] or "suggested-service"),
        summary=data["summary"],
        description=_description(data),
        website=data.get("website", ""),
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        live=False,
    )
    if data.get("postcode"):
        page.locations = [
            Location(
                name=data.get("town") or data["postcode"],
                town=data.get("town", ""),
                postcode=data["postcode"],
            )
        ]
    parent.add_child(instance=page)
    page.save_revision()
    return ServiceSuggestion.objects.create(
        service=page, name=data["name"], organisation_name=data.get("organisation_name", "")
    )

"""Write a demo plan into the page tree: organisations, services, locations, opening times and provider users."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from directory.area_profiles import read_area
from directory.demo.accounts import check_demo_allowed, ensure_provider_user
from directory.demo.planner import plan_demo
from directory.models import DirectoryIndexPage, Location, OrganisationPage, SendNeed, ServicePage
from directory.schedules import Schedule, TermDates, TermPeriod, weekly
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag


class DemoDataError(RuntimeError):
    """The demo cannot be loaded; str() says what to do."""


@dataclass
class DemoReport:
    organisations_created: int = 0
    services_created: int = 0
    users_created: int = 0
    services_planned: int = 0

    def __str__(self):
        return (
            f"{self.services_created} services, {self.organisations_created} organisations and "
            f"{self.users_created} provider users created ({self.services_planned} services in the demo)."
        )


def _vocabularies(slug, area):
    """The area's terms by code (need levels by level), refusing if any is missing."""
    terms = {
        "districts": {
            tag.code: tag for tag in DistrictTag.objects.filter(code__in=[d["code"] for d in area["districts"]])
        },
        "outcomes": {
            tag.code: tag for tag in OutcomeTag.objects.filter(code__in=[o["code"] for o in area["outcomes"]])
        },
        "need_levels": {tag.level: tag for tag in NeedLevelTag.objects.all()},
        "age_bands": {tag.code: tag for tag in AgeBandTag.objects.all()},
    }
    complete = (
        len(terms["districts"]) == len(area["districts"])
        and len(terms["outcomes"]) == len(area["outcomes"])
        and all(row["level"] in terms["need_levels"] for row in area["need_levels"])
        and all(row["code"] in terms["age_bands"] for row in area["age_bands"])
    )
    if not complete:
        raise DemoDataError(f"The {area['name']} vocabularies are not loaded. Run: manage.py load_area {slug}")
    return terms


def _organisation(index, plan):
    organisation = OrganisationPage.objects.child_of(index).filter(slug=plan.slug).first()
    if organisation is not None:
        return organisation.specific, False
    organisation = OrganisationPage(title=plan.title, slug=plan.slug, **plan.fields)
    index.add_child(instance=organisation)
    organisation.save_revision().publish()
    return organisation, True


# A typical English school year as (first day, last day) of each half term, by month and day: the demo's term
# dates are these for last school year, this one and the next, so "Next:" never lands in a holiday.
HALF_TERMS = [
    ((0, 9, 3), (0, 10, 23)),
    ((0, 11, 2), (0, 12, 18)),
    ((1, 1, 5), (1, 2, 12)),
    ((1, 2, 22), (1, 3, 26)),
    ((1, 4, 12), (1, 5, 28)),
    ((1, 6, 7), (1, 7, 21)),
]


def demo_term_dates(area_name, today=None):
    """The demo's term dates for the area (made once; each demo load adds any school year it lacks)."""
    today = today or timezone.localdate()
    term_dates, _ = TermDates.objects.get_or_create(name=f"{area_name} schools (demo)")
    autumn = today.year if today.month >= 9 else today.year - 1
    for year in (autumn - 1, autumn, autumn + 1):
        for (start_offset, start_month, start_day), (end_offset, end_month, end_day) in HALF_TERMS:
            TermPeriod.objects.get_or_create(
                term_dates=term_dates,
                starts=datetime.date(year + start_offset, start_month, start_day),
                ends=datetime.date(year + end_offset, end_month, end_day),
            )
    return term_dates


def christmas_closures(today=None):
    """The demo's services close over Christmas and New Year, as most venues do: the coming (or current) one, so
    "Next:" never offers a session on Christmas Day."""
    today = today or timezone.localdate()
    year = today.year if today >= datetime.date(today.year, 1, 2) else today.year - 1
    closure = Schedule(
        kind=Schedule.Kind.CLOSED,
        description="Christmas and New Year",
        valid_from=datetime.date(year, 12, 24),
        valid_to=datetime.date(year + 1, 1, 1),
    )
    return [closure]


def _service(organisation, plan, terms, term_dates):
    service = ServicePage(title=plan.title, slug=plan.slug, **plan.fields)
    service.locations = [
        Location(name=venue.name, address=venue.address, town=venue.town, postcode=venue.postcode)
        for venue in plan.locations
    ]
    in_term = term_dates if plan.term_time else None
    schedules = [weekly(day, opens, closes, term_dates=in_term) for day, opens, closes in plan.opening_times]
    service.schedules = schedules + (christmas_closures() if schedules else [])
    service.districts_served = [terms["districts"][code] for code in plan.districts_served]
    service.outcomes.set([terms["outcomes"][code] for code in plan.outcomes])
    service.need_levels.set([terms["need_levels"][level] for level in plan.need_levels])
    service.age_bands.set([terms["age_bands"][code] for code in plan.age_bands])
    service.topics.set(plan.topics)
    service.send_needs.set(SendNeed.objects.filter(code__in=plan.send_needs))
    organisation.add_child(instance=service)
    # Publishing (not saving) is what the search index listens to.
    service.save_revision().publish()
    return service


@transaction.atomic
def load_demo(slug):
    """Create the demo for area `slug`; existing organisations and services (matched by slug) are left alone."""
    check_demo_allowed()
    area = read_area(slug)
    terms = _vocabularies(slug, area)
    index = DirectoryIndexPage.objects.first()
    if index is None:
        raise DemoDataError("There is no directory index page to put the demo under. Run: manage.py migrate")
    report = DemoReport()
    term_dates = demo_term_dates(area["name"])
    created_pages = []
    # Wagtail re-indexes references on every save (three per page here); once per page at the end is enough.
    with disable_reference_index_auto_update():
        for organisation_plan in plan_demo(slug, area):
            organisation, created = _organisation(index, organisation_plan)
            if created:
                created_pages.append(organisation)
            report.organisations_created += created
            report.users_created += ensure_provider_user(organisation)[1]
            existing = set(ServicePage.objects.child_of(organisation).values_list("slug", flat=True))
            for service_plan in organisation_plan.services:
                report.services_planned += 1
                if service_plan.slug not in existing:
                    created_pages.append(_service(organisation, service_plan, terms, term_dates))
                    report.services_created += 1
    for page in created_pages:
        ReferenceIndex.create_or_update_for_object(page)
    return report

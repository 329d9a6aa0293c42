"""Possible duplicates: normalised keys for each service, grouped in SQL, offered in pairs from different sources."""

import itertools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Count
from wagtail.models import Page

from directory import geo
from directory.feeds.models import DuplicateKey, FeedListing
from directory.models import Location, ServicePage

# A group this big is a shared switchboard or a council's home page, not a duplicate listing.
LARGEST_GROUP = 20
MIN_PHONE_DIGITS = 7


def normal_phone(value: str) -> str:
    """Digits only, +44 (or 0044) as a leading 0: "+44 (0)1903 123456" and "01903 123 456" are the same number."""
    digits = re.sub(r"\D", "", value or "").removeprefix("00")  # 0044 is +44 dialled from abroad
    if digits.startswith("440"):
        digits = digits[2:]
    elif digits.startswith("44"):
        digits = "0" + digits[2:]
    return digits if len(digits) >= MIN_PHONE_DIGITS else ""


def normal_email(value: str) -> str:
    value = (value or "").strip().lower()
    return value if "@" in value else ""


def normal_website(value: str) -> str:
    """Host without www and path without a trailing slash; scheme, query and fragment do not matter."""
    value = (value or "").strip().lower()
    if not value:
        return ""
    parts = urlsplit(value if "//" in value else f"//{value}")
    host = parts.hostname or ""
    host = host.removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else ""


def normal_name(value: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (value or "").lower()))


def _keys(service: dict, postcodes) -> list[tuple[str, str]]:
    keys = [
        (DuplicateKey.Kind.PHONE, normal_phone(service["phone"])),
        (DuplicateKey.Kind.EMAIL, normal_email(service["email"])),
        (DuplicateKey.Kind.WEBSITE, normal_website(service["website"])),
    ]
    name = normal_name(service["title"])
    keys += [(DuplicateKey.Kind.NAME_POSTCODE, f"{name}|{postcode}") for postcode in postcodes if name]
    return [(kind, value[:300]) for kind, value in keys if value]


def refresh_keys(page_ids):
    """Recompute the keys of these services from their current rows (a few queries per 500 services)."""
    page_ids = list(page_ids)
    for start in range(0, len(page_ids), 500):
        chunk = page_ids[start : start + 500]
        services = ServicePage.objects.filter(pk__in=chunk).values("pk", "title", "phone", "email", "website", "path")
        postcodes = {}
        for service_id, postcode in Location.objects.filter(service_id__in=chunk).values_list("service_id", "postcode"):
            postcodes.setdefault(service_id, set()).add(geo.normalise_postcode(postcode))
        feeds = dict(FeedListing.objects.filter(service_id__in=chunk).values_list("service_id", "feed_id"))
        organisation_paths = {service["path"][:-4] for service in services}
        organisations = _organisation_ids(organisation_paths)
        rows = []
        for service in services:
            if service["pk"] in feeds:
                source = f"feed:{feeds[service['pk']]}"
            else:
                source = f"org:{organisations.get(service['path'][:-4], 0)}"
            rows += [
                DuplicateKey(service_id=service["pk"], kind=kind, value=value, source=source)
                for kind, value in _keys(service, postcodes.get(service["pk"], ()))
            ]
        with transaction.atomic():
            DuplicateKey.objects.filter(service_id__in=chunk).delete()
            DuplicateKey.objects.bulk_create(rows)


def _organisation_ids(paths) -> dict[str, int]:
    return dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))


def rebuild_all():
    refresh_keys(ServicePage.objects.values_list("pk", flat=True))


@dataclass
class PossibleDuplicate:
    """Two services that look alike, and why."""

    first: ServicePage
    second: ServicePage
    reasons: list[str] = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        return "; ".join(self.reasons)


def duplicate_groups():
    """(kind, value) shared by services from more than one source: one SQL GROUP BY over the keys."""
    return (
        DuplicateKey.objects.values("kind", "value")
        .annotate(sources=Count("source", distinct=True), services=Count("service", distinct=True))
        .filter(sources__gt=1, services__lte=LARGEST_GROUP)
        .order_by("kind", "value")
    )


def possible_duplicates() -> list[PossibleDuplicate]:
    """Pairs of services from different sources sharing a key, each pair once with every reason."""
    groups = list(duplicate_groups())
    if not groups:
        return []
    labels = dict(DuplicateKey.Kind.choices)
    members = {}
    wanted = {group["value"] for group in groups}
    for key in DuplicateKey.objects.filter(value__in=wanted).values("kind", "value", "service_id", "source"):
        members.setdefault((key["kind"], key["value"]), []).append(key)
    pairs = {}
    for group in groups:
        for a, b in itertools.combinations(members.get((group["kind"], group["value"]), []), 2):
            if a["source"] == b["source"] or a["service_id"] == b["service_id"]:
                continue
            pair = tuple(sorted((a["service_id"], b["service_id"])))
            reason = str(labels[group["kind"]])
            if reason not in pairs.setdefault(pair, []):
                pairs[pair].append(reason)
    ids = {service_id for pair in pairs for service_id in pair}
    services = ServicePage.objects.in_bulk(ids)
    return [
        PossibleDuplicate(services[a], services[b], reasons)
        for (a, b), reasons in sorted(pairs.items())
        if a in services and b in services
    ]

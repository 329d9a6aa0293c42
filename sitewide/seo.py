"""What search engines read: canonical and alternate-language URLs, descriptions, schema.org data, the sitemap."""

import json
import re

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override, to_locale
from wagtail.contrib.sitemaps import Sitemap

from directory import sites
from directory.vocabularies import Weekday

# Paths engines should not index: a search or shortlist (and its print view) is one person's question; posters
# and problem reports duplicate a service page. Listed with and without each language prefix.
NOT_INDEXED = ("/search/", "/shortlist/", "/poster/", "/report-a-problem/")

# Same escapes as Django's json_script: the data cannot close its <script> element or open a comment.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# A provider whose name says it is a council runs government services (no organisation type is recorded).
COUNCIL = re.compile(r"\bcouncil\b", re.IGNORECASE)


def language_urls(url):
    """(language code, this URL in that language) for every offered language; URLs nothing resolves stay as given."""
    return [(code, translate_url(url, code)) for code, _name in settings.LANGUAGES]


def canonical_url(request):
    """This page's absolute URL in the active language, without a query string."""
    return request.build_absolute_uri(request.path)


def alternate_links(request):
    """hreflang alternates for this page: each language, and x-default for the site's default language."""
    links = language_urls(canonical_url(request))
    default = dict(links)[settings.LANGUAGE_CODE]
    return links + [("x-default", default)]


def json_ld(data):
    """A `<script type="application/ld+json">` data block: not executable, so the CSP's script-src does not apply."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 (escaped above)


def _contact(data, thing):
    if thing.phone:
        data["telephone"] = thing.phone
    if thing.email:
        data["email"] = thing.email
    return data


def organisation_data(organisation, request):
    """schema.org Organization for a provider."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.title,
        "url": organisation.get_full_url(request),
    }
    if organisation.summary:
        data["description"] = organisation.summary
    if organisation.website:
        data["sameAs"] = [organisation.website]
    return _contact(data, organisation)


def _address(location):
    if location.confidential:
        # A refuge: its district only, never its street, postcode or point (directory/sites.py).
        return {"@type": "PostalAddress", "addressRegion": sites.area_name(location), "addressCountry": "GB"}
    address = {"@type": "PostalAddress", "postalCode": location.postcode, "addressCountry": "GB"}
    street = location.address or location.name
    if street:
        address["streetAddress"] = street
    if location.town:
        address["addressLocality"] = location.town
    return address


def _channel(location):
    channel = {"@type": "ServiceChannel", "name": location.name, "serviceLocation": _place(location)}
    if location.phone:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": location.phone}
    return channel


def _amenities(location):
    """What the site offers for access, as schema.org LocationFeatureSpecifications, in the page's language."""
    features = getattr(location, "features", None)
    if features is None:
        features = sorted(location.access_features.all(), key=lambda feature: (feature.order, feature.name))
    return [
        {"@type": "LocationFeatureSpecification", "name": gettext(feature.name), "value": True} for feature in features
    ]


def _place(location):
    place = {"@type": "Place", "name": location.name, "address": _address(location)}
    amenities = _amenities(location)
    if amenities:
        place["amenityFeature"] = amenities
    return place


def _opening_hours(opening):
    return {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": f"https://schema.org/{Weekday(opening.weekday).name.title()}",
        "opens": opening.opens.strftime("%H:%M"),
        "closes": opening.closes.strftime("%H:%M"),
    }


def service_data(service, request, locations, opening_times, districts):
    """schema.org Service, or GovernmentService when a council provides it."""
    organisation = service.organisation
    provider = {"@type": "Organization", "name": organisation.title, "url": organisation.get_full_url(request)}
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if COUNCIL.search(organisation.title) else "Service",
        "name": service.title,
        "description": service.summary,
        "url": service.get_full_url(request),
        "provider": provider,
        "areaServed": [{"@type": "AdministrativeArea", "name": district.name} for district in districts],
        "availableLanguage": [{"@type": "Language", "name": name} for name in service.language_list],
    }
    # The sites in directory.sites' order: the one a family would be shown first.
    locations = sites.sites_in_order(locations)
    if locations:
        data["availableChannel"] = [_channel(location) for location in locations]
        data["address"] = [_address(location) for location in locations]
    if opening_times:
        data["hoursAvailable"] = [_opening_hours(opening) for opening in opening_times]
    if service.website:
        data["sameAs"] = [service.website]
    return _contact(data, service)


def open_graph(title, description, url):
    """Open Graph properties for a link preview, in the page's language."""
    tags = [
        ("og:type", "website"),
        ("og:title", title),
        ("og:url", url),
        ("og:locale", to_locale(get_language() or settings.LANGUAGE_CODE)),
        ("og:site_name", settings.WAGTAIL_SITE_NAME),
    ]
    if description:
        tags.append(("og:description", description))
    return tags


def page_description(page):
    """The page's one-line description: a service's or provider's summary, else what the editor wrote for search."""
    for field in ("summary", "search_description", "introduction"):
        text = getattr(page, field, "")
        if text:
            return " ".join(str(text).split())[:300]
    return ""


class LanguageSitemap(Sitemap):
    """Wagtail's sitemap with every page once per language, each entry naming all its language versions.

    The site serves one page under /, /pl/ and /ar/ (i18n_patterns, no translated page trees), so a page's
    URL in a language is its URL reversed with that language active.
    """

    def _urls(self, page, protocol, domain):
        urls = []
        for item in self.paginator.page(page).object_list.iterator():
            versions = {}
            for code, _name in settings.LANGUAGES:
                with override(code):
                    versions[code] = item.get_full_url(self.request)
            if None in versions.values():
                continue
            alternates = [{"lang_code": code, "location": url} for code, url in versions.items()]
            alternates.append({"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]})
            lastmod = self.lastmod(item)
            urls.extend(
                {"item": item, "location": url, "lastmod": lastmod, "alternates": alternates}
                for url in versions.values()
            )
        return urls


def robots_lines(sitemap_url):
    """robots.txt: everything open except per-person and duplicate pages; the sitemap named."""
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}{path}" for prefix in prefixes for path in NOT_INDEXED]
    lines += ["Disallow: /admin/", "Disallow: /providers/", f"Sitemap: {sitemap_url}"]
    return lines

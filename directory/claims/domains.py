"""The listing's own domains, and whether an email address is on one of them (so an emailed link proves something)."""

from urllib.parse import urlsplit

from directory.models import ServicePage

# Addresses anyone can get, and hosts many unrelated sites share: an address there proves nothing about
# the listing, so these never count as "the listing's own domain" (the team checks those claims by hand).
SHARED_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "google.com",
        "outlook.com",
        "hotmail.com",
        "hotmail.co.uk",
        "live.com",
        "live.co.uk",
        "msn.com",
        "yahoo.com",
        "yahoo.co.uk",
        "icloud.com",
        "me.com",
        "aol.com",
        "btinternet.com",
        "sky.com",
        "virginmedia.com",
        "talktalk.net",
        "protonmail.com",
        "proton.me",
        "gmx.com",
        "gmx.co.uk",
        "mail.com",
        "nhs.net",
        "gov.uk",
        "nhs.uk",
        "org.uk",
        "co.uk",
        "facebook.com",
        "instagram.com",
        "linktr.ee",
        "wixsite.com",
        "wordpress.com",
        "blogspot.com",
        "sites.google.com",
        "eventbrite.co.uk",
        "example.com",
    }
)


def _clean(host):
    host = (host or "").strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def website_domain(url):
    if not url:
        return ""
    return _clean(urlsplit(url if "//" in url else f"//{url}").hostname)


def email_domain(address):
    if not address or "@" not in address:
        return ""
    return _clean(address.rsplit("@", 1)[1])


def listing_domains(organisation):
    """Domains of the organisation's and its services' websites and emails, without shared ones."""
    sources = [website_domain(organisation.website), email_domain(organisation.email)]
    for website, email in ServicePage.objects.child_of(organisation).values_list("website", "email"):
        sources += [website_domain(website), email_domain(email)]
    return sorted({domain for domain in sources if domain and domain not in SHARED_DOMAINS})


def on_listing_domain(address, organisation):
    """Exactly on one of the listing's domains: a subdomain match would let any council claim any gov.uk site."""
    domain = email_domain(address)
    return bool(domain) and domain in listing_domains(organisation)

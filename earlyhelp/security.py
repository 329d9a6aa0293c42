"""Security headers for public responses: a strict Content Security Policy with no inline script."""

from html.parser import HTMLParser

from django.conf import settings

# Map tiles are the only third-party resource, and only on service pages.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https://tile.openstreetmap.org",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Adds the CSP to every response outside the Wagtail admin (which needs its own inline scripts)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt_prefixes = tuple(settings.CSP_EXEMPT_PATH_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.exempt_prefixes):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "geolocation=(self), camera=(), microphone=()")
        return response


# Script elements of these types are data blocks: browsers never run them, so script-src does not govern them
# (HTML Standard, "data block"). schema.org JSON-LD is one. Any other inline script would be refused by the policy.
DATA_BLOCK_TYPES = frozenset({"application/ld+json", "application/json"})


class _ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refused = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if any(name.startswith("on") for name in attributes):
            self.refused.append(f"<{tag}> with an inline event handler")
        if tag == "script" and not attributes.get("src"):
            kind = (attributes.get("type") or "").strip().lower()
            if kind not in DATA_BLOCK_TYPES:
                self.refused.append(f"inline <script type={kind!r}>")


def inline_script_refused_by_policy(html):
    """What in this HTML the policy would block: inline executable scripts and event handler attributes."""
    finder = _ScriptFinder()
    finder.feed(html)
    return finder.refused

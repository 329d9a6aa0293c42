"""Surviving mutants that change nothing anyone can see, each with the reason: read by bench/mutation_report.py.

Keyed by mutmut's mutant name (`mutmut show NAME` prints the change). Only a mutant no test could tell
from the original belongs here: a log message's wording, a default argument every caller passes, a bound
that an earlier check already enforces. A behaviour no test checks yet is a missing test, not an entry.
"""

_LOG_LINE = "the warning written to the server log when the search log cannot be written: wording and traceback only"
_HEADER_CASE = "HTTP header names are case-insensitive (HttpResponse and request.headers both ignore case)"
_SALT = "the HMAC's fixed salt: any constant keeps the address out of the key and the clients apart"
_KEY_NAME = "the cache key's fixed suffix: any constant name keeps the window start apart from the counter"
_FALLBACK = (
    "the default used when the configured header is missing: the `or` then reads REMOTE_ADDR, so an empty "
    "string, None or another missing header name all end the same way"
)
_NO_ADDRESS = (
    "only a request without REMOTE_ADDR differs, and every WSGI server sets it (gunicorn, runserver, the test "
    "client); clients without one would share one key either way"
)
_SAME_CONTENT = (
    "the check only skips rewriting a revision that already holds today's date; rewriting it stores the same content"
)

EQUIVALENT = {
    "directory.exchange.oruk_check.xǁChecksǁlocation__mutmut_81": (
        "> or >= against the distance allowed from the postcode: only a point exactly that many kilometres away, "
        "a geodesic float, differs; points just inside and just outside are tested"
    ),
    "directory.providers.freshness.x_stale_services__mutmut_9": (
        "STALE_AFTER is relativedelta(months=12), which relativedelta stores as years=1: 12 / 1 == 12 * 1"
    ),
    "directory.providers.freshness.x__patch_revision__mutmut_3": _SAME_CONTENT,
    "directory.providers.freshness.x__patch_revision__mutmut_4": _SAME_CONTENT,
    "directory.providers.freshness.x__patch_revision__mutmut_5": _SAME_CONTENT,
    "signposting.shortlist.x_parse_share__mutmut_4": (
        "the text tested when the link has none: '' and 'XXXX' both fail the ids pattern, so both give None"
    ),
    "signposting.shortlist.x_parse_share__mutmut_8": (
        "str.strip takes a set of characters: 'XX,XX' strips commas and X, and a text that matched the ids "
        "pattern holds no X"
    ),
    "signposting.shortlist.x_posted_from_another_site__mutmut_4": _HEADER_CASE,
    "signposting.shortlist.x_posted_from_another_site__mutmut_5": _HEADER_CASE,
    "signposting.shortlist.x_posted_from_another_site__mutmut_12": _HEADER_CASE,
    "signposting.shortlist.x_posted_from_another_site__mutmut_13": _HEADER_CASE,
    "sitewide.ratelimit.x_too_many_requests__mutmut_27": _HEADER_CASE,
    "sitewide.ratelimit.x_too_many_requests__mutmut_28": _HEADER_CASE,
    "sitewide.ratelimit.x_client_address__mutmut_3": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_4": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_8": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_10": _FALLBACK,
    "sitewide.ratelimit.x_client_address__mutmut_13": _NO_ADDRESS,
    "sitewide.ratelimit.x_client_address__mutmut_15": _NO_ADDRESS,
    "sitewide.ratelimit.x_client_address__mutmut_18": _NO_ADDRESS,
    "sitewide.ratelimit.x_client_key__mutmut_4": _SALT,
    "sitewide.ratelimit.x_client_key__mutmut_8": _SALT,
    "sitewide.ratelimit.x_client_key__mutmut_9": _SALT,
    "sitewide.ratelimit.x_hit__mutmut_18": _KEY_NAME,
    "sitewide.ratelimit.x_hit__mutmut_19": _KEY_NAME,
    **{f"search.log.x_record_search__mutmut_{number}": _LOG_LINE for number in (35, 36, 38, 39, 40, 41, 42)},
}

"""The OpenAPI 3.1 document of our ORUK API, served at /api/oruk/openapi.json."""

from directory.exchange.oruk import EXTENSION, PROFILE_URL, VERSION
from directory.exchange.oruk_schema import REMOTE_BASE
from search.oruk.params import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_PLACE_LENGTH,
    MAX_PROXIMITY_METRES,
    MAX_SEARCH_LENGTH,
    OLDEST_SERVICE_AGE,
)
from search.query import DEFAULT_RADIUS_MILES, MAX_RADIUS_MILES


def _profile_schema(name):
    """The profile's own published schema for a record: consumers validate against the source."""
    if name in ("taxonomy", "taxonomy_term"):
        return {"$ref": f"{REMOTE_BASE}{name}.json"}
    return {"$ref": f"{REMOTE_BASE}compiled/{name}.json"}


def _query(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


UUID = {"type": "string", "format": "uuid"}
UUID_LIST = {"type": "string", "pattern": r"^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36})*$"}
TIME = {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

PARAMETERS = {
    "page": _query(
        "page", "Page number, from 1.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}
    ),
    "per_page": _query(
        "per_page",
        "Records a page.",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
    ),
    "search": _query(
        "search",
        "Words to find in the name, summary, description, eligibility, organisation or topics, as the site's "
        "own search reads them (stemmed, with synonyms; common words ignored).",
        {"type": "string", "maxLength": MAX_SEARCH_LENGTH},
    ),
    "taxonomy_id": _query(
        "taxonomy_id",
        "Services with any term of this taxonomy (one of /taxonomies; several separated by commas: each applies).",
        UUID_LIST,
    ),
    "taxonomy_term_id": _query(
        "taxonomy_term_id",
        "Services with this term (one of /taxonomy_terms; several of one taxonomy mean any, of several "
        "taxonomies each applies).",
        UUID_LIST,
    ),
    "minimum_age": _query(
        "minimum_age",
        "Services whose minimum age is at least this (years). Services without a minimum age are left out.",
        {"type": "number", "minimum": 0, "maximum": OLDEST_SERVICE_AGE},
    ),
    "maximum_age": _query(
        "maximum_age",
        "Services whose maximum age is at most this (years). Services without a maximum age are left out.",
        {"type": "number", "minimum": 0, "maximum": OLDEST_SERVICE_AGE},
    ),
    "day": _query(
        "day",
        "Services open on this day: MO to SU as in iCal, or the day's English name.",
        {"type": "string", "enum": DAYS + DAY_NAMES},
    ),
    "start_time": _query(
        "start_time",
        "Services with an opening that starts at or after this local (UK) time, on `day` if given.",
        TIME,
    ),
    "end_time": _query(
        "end_time",
        "Services with an opening that ends at or before this local (UK) time, on `day` if given.",
        TIME,
    ),
    "postcode": _query(
        "postcode",
        f"A UK postcode, outcode or town: services with a location within `proximity` ({DEFAULT_RADIUS_MILES:g} miles "
        "without it), "
        "then services serving its district; each once, at its nearest location, nearest first.",
        {"type": "string", "maxLength": MAX_PLACE_LENGTH},
    ),
    "proximity": _query(
        "proximity",
        f"Metres from the centroid of `postcode` (which it needs); at most {MAX_RADIUS_MILES:g} miles, the site's "
        "widest search.",
        {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_PROXIMITY_METRES},
    ),
}
SERVICE_FILTERS = ["search", "page", "per_page", "taxonomy_term_id", "taxonomy_id"]
SERVICE_FILTERS += ["minimum_age", "maximum_age", "start_time", "end_time", "day"]


def _ref(name):
    return {"$ref": f"#/components/parameters/{name}"}


def _json_response(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _page_of(name):
    return {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "properties": {"contents": {"type": "array", "items": _profile_schema(name)}},
    }


BAD_REQUEST = _json_response(
    "A parameter is wrong: the message says which and why.", {"$ref": "#/components/schemas/Problem"}
)
NOT_FOUND = _json_response("Nothing published has this id.", {"$ref": "#/components/schemas/Problem"})
PATH_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def _operation(operation_id, summary, ok, parameters=(), *, with_id=False):
    responses = {"200": ok, "400": BAD_REQUEST} if parameters else {"200": ok}
    if with_id:
        responses["404"] = NOT_FOUND
    operation = {"operationId": operation_id, "summary": summary, "responses": responses}
    if parameters or with_id:
        operation["parameters"] = ([PATH_ID] if with_id else []) + [_ref(name) for name in parameters]
    return {"get": operation}


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Early help directory: Open Referral UK API",
            "version": VERSION,
            "description": (
                "Published services of this directory in the Open Referral UK 3.0 profile "
                f"({PROFILE_URL}). Record schemas are the profile's own. Beyond the profile, full service "
                "records carry HSDS 3.0 fields (phones, language names, eligibility_description, "
                f"application_process, fees_description) and an '{EXTENSION}' object with what ORUK has no "
                "field for (summary, description as HTML, ways to access and deliver, cost band, dates), so "
                "that an export imports back without loss. Our four vocabularies (outcomes, need levels, age "
                "bands, districts) and topics are taxonomies; a service's terms are its attributes. Errors are "
                "JSON with a message. Any origin may call this API."
            ),
            "license": {
                "name": "CC BY-SA 4.0 (profile schemas)",
                "url": "https://creativecommons.org/licenses/by-sa/4.0/",
            },
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/": _operation(
                "getAPIMetaInformation",
                "Which HSDS version and profile this API follows, and where this document is.",
                _json_response("About this API.", {"$ref": "#/components/schemas/About"}),
            ),
            "/services": _operation(
                "getPaginatedListOfServices",
                "Published services, one-to-one fields only, by name.",
                _json_response("A page of services.", _page_of("service_list")),
                SERVICE_FILTERS,
            ),
            "/services/{id}": _operation(
                "getFullyNestedServiceById",
                "One published service, fully nested.",
                _json_response("The service.", _profile_schema("service")),
                with_id=True,
            ),
            "/service_at_locations": _operation(
                "getPaginatedListOfServiceAtLocation",
                "Each published service found, at its nearest location (its first without a postcode); nearest first "
                "when a postcode is given, else by name.",
                _json_response("A page of services at locations.", _page_of("service_at_location_list")),
                [*SERVICE_FILTERS, "postcode", "proximity"],
            ),
            "/service_at_locations/{id}": _operation(
                "getServiceAtLocationWithNestedDataById",
                "One service at one location, fully nested.",
                _json_response("The service at the location.", _profile_schema("service_at_location")),
                with_id=True,
            ),
            "/taxonomies": _operation(
                "getPaginatedListOfTaxonomies",
                "Our vocabularies.",
                _json_response("A page of taxonomies.", _page_of("taxonomy")),
                ["page", "per_page"],
            ),
            "/taxonomies/{id}": _operation(
                "getTaxonomyById",
                "One vocabulary with its terms.",
                _json_response("The taxonomy.", _profile_schema("taxonomy")),
                with_id=True,
            ),
            "/taxonomy_terms": _operation(
                "getPaginatedListOfTaxonomyTerms",
                "The terms of our vocabularies, and the topics of published services.",
                _json_response("A page of taxonomy terms.", _page_of("taxonomy_term")),
                ["page", "per_page", "taxonomy_id"],
            ),
            "/taxonomy_terms/{id}": _operation(
                "getTaxonomyTermById",
                "One term.",
                _json_response("The taxonomy term.", _profile_schema("taxonomy_term")),
                with_id=True,
            ),
        },
        "components": {
            "parameters": PARAMETERS,
            "schemas": {
                "Page": {
                    "type": "object",
                    "required": [
                        "total_items",
                        "total_pages",
                        "page_number",
                        "size",
                        "first_page",
                        "last_page",
                        "empty",
                        "contents",
                    ],
                    "properties": {
                        "total_items": {"type": "integer", "description": "Records matching, on every page."},
                        "total_pages": {"type": "integer", "description": "Pages, at least 1."},
                        "page_number": {"type": "integer", "description": "This page's number."},
                        "size": {"type": "integer", "description": "Records on this page."},
                        "first_page": {"type": "boolean"},
                        "last_page": {"type": "boolean"},
                        "empty": {"type": "boolean", "description": "This page has no records."},
                    },
                },
                "About": {
                    "type": "object",
                    "required": ["version", "profile", "openapi_url"],
                    "properties": {
                        "version": {"type": "string", "const": VERSION},
                        "profile": {"type": "string", "format": "uri"},
                        "openapi_url": {"type": "string", "format": "uri"},
                    },
                },
                "Problem": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": {"type": "string"},
                        "parameter": {"type": "string", "description": "The parameter that was wrong."},
                    },
                },
            },
        },
    }

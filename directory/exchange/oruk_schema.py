"""The Open Referral UK profile's JSON schemas, read from settings.ORUK_SCHEMA_DIR, with validators."""

import functools
import json
from pathlib import Path

from django.conf import settings
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

# The profile's OpenAPI document points its $refs at these addresses; we answer them from local files.
REMOTE_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI_URI = "urn:oruk-uk-profile:openapi.json"
COMPILED = (
    "organization",
    "organization_list",
    "organization_package",
    "service",
    "service_list",
    "service_package",
    "service_at_location",
    "service_at_location_list",
    "service_at_location_package",
)
# Taxonomies and their terms are not compiled in the profile: service_with_definitions.json defines them.
DEFINED = ("taxonomy", "taxonomy_term")


class SchemasMissing(RuntimeError):
    """The profile's schema files are not where settings.ORUK_SCHEMA_DIR says."""


def schema_dir() -> Path:
    return Path(settings.ORUK_SCHEMA_DIR)


def schemas_available() -> bool:
    return (schema_dir() / "service.json").is_file()


def _read(name):
    path = schema_dir() / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise SchemasMissing(
            f"The Open Referral UK schemas are not in {schema_dir()} (no {path.name}). "
            "Set ORUK_SCHEMA_DIR to the folder holding the profile's compiled schemas."
        ) from error


@functools.cache
def _registry_for(directory: str) -> Registry:
    """Every remote address the profile uses, mapped to the local files in `directory`."""
    resources = []
    for name in COMPILED:
        resources.append((f"{REMOTE_BASE}compiled/{name}.json", _read(name)))
    definitions = _read("service_with_definitions")["definitions"]
    for name in DEFINED:
        # Keep the definitions beside the schema so its own "#/definitions/..." refs still resolve.
        resources.append((f"{REMOTE_BASE}{name}.json", {**definitions[name], "definitions": definitions}))
    resources.append((OPENAPI_URI, _read("openapi")))
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012)) for uri, contents in resources
    )


def registry() -> Registry:
    return _registry_for(str(schema_dir()))


def validator(name: str) -> Draft202012Validator:
    """A validator for one of the profile's schemas by name ("service", "taxonomy", "service_list"...)."""
    uri = f"{REMOTE_BASE}{name}.json" if name in DEFINED else f"{REMOTE_BASE}compiled/{name}.json"
    return _validator({"$ref": uri})


def response_validator(path: str) -> Draft202012Validator:
    """A validator for the 200 response of GET `path` as the profile's OpenAPI document describes it."""
    pointer = (
        "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get/responses/200/content/application~1json/schema"
    )
    return _validator({"$ref": f"{OPENAPI_URI}#{pointer}"})


def _validator(schema):
    return Draft202012Validator(schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def json_path(path) -> str:
    """A jsonschema error path as JSONPath: ["service_at_locations", 0, "name"] -> $.service_at_locations[0].name."""
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def errors_in(instance, schema_validator) -> list[tuple[str, str]]:
    """(JSONPath, message) for every way `instance` breaks the schema, in document order."""
    errors = sorted(schema_validator.iter_errors(instance), key=lambda error: [str(p) for p in error.absolute_path])
    return [(json_path(error.absolute_path), error.message) for error in errors]

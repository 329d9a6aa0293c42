"""Schemathesis drives every operation of our served OpenAPI with generated parameters, good and bad:
no 5xx, and every answer matches the document (the profile's schemas for records, ours for errors)."""

import copy

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from directory.exchange import oruk_schema
from directory.factories import ServicePageFactory
from directory.models import Location
from search.oruk.openapi import openapi_document
from tests.oruk.conftest import full_service

LOCAL = "#/components/schemas/oruk_"


def _bundled(document):
    """Our document with the profile's remote $refs pointed at local copies, so the test needs no network."""
    document = copy.deepcopy(document)
    components = document["components"]["schemas"]

    def add(name, contents, definitions):
        if f"oruk_{name}" not in components:
            components[f"oruk_{name}"] = {}  # taken before recursing, so a cycle stops here
            body = {key: value for key, value in contents.items() if key != "definitions"}
            components[f"oruk_{name}"] = rewrite(copy.deepcopy(body), definitions)
        return LOCAL + name

    def rewrite(node, definitions):
        if isinstance(node, list):
            for value in node:
                rewrite(value, definitions)
        elif isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith(oruk_schema.REMOTE_BASE):
                contents = oruk_schema.registry().get_or_retrieve(ref).value.contents
                name = ref.rsplit("/", 1)[-1].removesuffix(".json")
                node["$ref"] = add(name, contents, contents.get("definitions", {}))
            elif ref.startswith("#/definitions/"):
                name = ref.removeprefix("#/definitions/")
                node["$ref"] = add(name, definitions[name], definitions)
            for key, value in node.items():
                if key != "$ref":
                    rewrite(value, definitions)
        return node

    return rewrite(document, {})


SERVER = "http://testserver/api/oruk"


def _served_schema():
    """Loaded at import, as schemathesis parametrizes then; None without the profile's schemas."""
    if not oruk_schema.schemas_available():
        return None
    schema = schemathesis.openapi.from_dict(_bundled(openapi_document(SERVER)))
    schema.app = WSGIHandler()
    return schema


@pytest.fixture
def listings(area):
    full_service()
    ServicePageFactory(title="Chichester", locations=[Location(name="Chichester", postcode="PO19 1RQ")], min_age=5)
    # A bare WSGIHandler closes the database connection after each request, and with it the test's
    # transaction; Django's own test client stops that the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_fuzzed_document_is_the_served_one(client, db):
    assert client.get("/api/oruk/openapi.json").json() == openapi_document(SERVER)


API = _served_schema()

if API is None:

    def test_every_operation_answers_every_parameter_as_documented(schemas):
        """Without the schemas the `schemas` fixture skips this (or fails it in CI)."""

else:

    @API.parametrize()
    @settings(
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def test_every_operation_answers_every_parameter_as_documented(case, listings):
        case.call_and_validate(
            checks=[
                not_a_server_error,
                status_code_conformance,
                content_type_conformance,
                response_schema_conformance,
                negative_data_rejection,
            ]
        )

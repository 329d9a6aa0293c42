"""Fixtures for requests: two organisations, a service each that takes requests, their people, a Notify stand-in."""

import json
import uuid

import pytest

from connect.models import ContactRequest
from connect.professionals import ensure_partner_professionals
from directory.factories import ServicePageFactory
from tests.people import make_user
from tests.stand_ins import LocalServer, QuietHandler


@pytest.fixture(autouse=True)
def _fresh_cache(empty_cache):
    """Every test here starts with no rate limit spent (tests/conftest.py)."""


FAMILY = {
    "name": "Jordan Example",
    "contact_method": "phone",
    "phone": "07400 123456",
    "email": "",
    "best_times": "Weekday mornings",
    "safe_to_leave_message": "no",
    "help_wanted": "My son is seven and we argue every morning before school.",
    "consent_to_share": "on",
}


@pytest.fixture
def family_data():
    return dict(FAMILY)


@pytest.fixture
def referral_data():
    return dict(
        FAMILY,
        professional_name="Sam Teacher",
        professional_role="Family support worker, Worthing Primary School",
        professional_phone="01903 123456",
        professional_email="sam.teacher@school.example.org",
        referral_reason="Mum asked for help with mornings and sleep.",
        consent_given_by="Jordan Example, mother",
        consent_date="1/12/2026",
        consent_method="in_person",
    )


@pytest.fixture
def service_a(org_a):
    return ServicePageFactory(
        parent=org_a, title="Acorn parenting group", slug="acorn-parenting", accepts_requests=True
    )


@pytest.fixture
def service_b(org_b):
    return ServicePageFactory(parent=org_b, title="Beacon youth club", slug="beacon-youth-club", accepts_requests=True)


@pytest.fixture
def professional(db):
    user = make_user("pat")
    user.groups.add(ensure_partner_professionals())
    return user


class NotifyStandIn(LocalServer):
    """A local HTTP server answering like GOV.UK Notify's v2 API and keeping what it was sent."""

    def __init__(self):
        self.received = []
        stand_in = self

        class Handler(QuietHandler):
            def do_POST(self):  # noqa: N802  (the http.server name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                stand_in.received.append(
                    {
                        "path": self.path,
                        "json": json.loads(body),
                        "authorization": self.headers.get("Authorization", ""),
                    }
                )
                answer = json.dumps({"id": str(uuid.uuid4()), "reference": None, "content": {}}).encode()
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        super().__init__(Handler)


# A key in Notify's format: name, then the service id and the secret (two UUIDs). Fake, for the stand-in.
FAKE_NOTIFY_KEY = f"test-{uuid.UUID(int=1)}-{uuid.UUID(int=2)}"
TEMPLATE_IDS = {
    "connect_new_request": "11111111-1111-1111-1111-111111111111",
    "connect_request_sent_email": "22222222-2222-2222-2222-222222222222",
    "connect_request_sent_sms": "33333333-3333-3333-3333-333333333333",
    "connect_request_updated_email": "44444444-4444-4444-4444-444444444444",
    "connect_request_updated_sms": "55555555-5555-5555-5555-555555555555",
}


@pytest.fixture
def notify(settings):
    with NotifyStandIn() as stand_in:
        settings.NOTIFY_API_KEY = FAKE_NOTIFY_KEY
        settings.NOTIFY_BASE_URL = stand_in.url
        settings.NOTIFY_TEMPLATE_IDS = TEMPLATE_IDS
        yield stand_in


@pytest.fixture
def request_a(service_a):
    contact_request, _ = ContactRequest.start(
        service=service_a, name="Jordan Example", contact_method="phone", phone="+447400123456", help_wanted="Mornings"
    )
    return contact_request

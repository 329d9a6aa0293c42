"""Subject access: find a person's requests and give them back as one spreadsheet, every cell made safe."""

from connect.models import ContactRequest
from sitewide.exports import download

# Every field the person told us or the service recorded about them, in the order a reader expects.
FIELDS = (
    "reference",
    "service",
    "kind",
    "status",
    "created_at",
    "seen_at",
    "responded_at",
    "accepted_at",
    "finished_at",
    "name",
    "contact_method",
    "phone",
    "email",
    "best_times",
    "safe_to_leave_message",
    "help_wanted",
    "consent_to_share",
    "send_updates",
    "decline_reason",
    *ContactRequest.REFERRAL_FIELDS,
)


def find(reference="", email="", phone=""):
    """Requests matching the reference, email or phone. The columns are encrypted, so this reads each one:
    fine for the few thousand a county holds, and never done outside this rare, audited export."""
    if reference:
        return list(ContactRequest.objects.select_related("service").filter(reference=reference))
    email = email.strip().lower()
    matches = []
    for contact_request in ContactRequest.objects.select_related("service").iterator(chunk_size=500):
        same_email = bool(email) and contact_request.email.lower() == email
        same_phone = bool(phone) and contact_request.phone == phone
        if same_email or same_phone:
            matches.append(contact_request)
    return matches


def _value(contact_request, field):
    if field == "service":
        return contact_request.service.title
    display = getattr(contact_request, f"get_{field}_display", None)
    value = display() if display else getattr(contact_request, field)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def download_requests(requests):
    header = [ContactRequest._meta.get_field(name).verbose_name.capitalize() for name in FIELDS]
    rows = [[_value(contact_request, field) for field in FIELDS] for contact_request in requests]
    response = download("subject-access-requests", header, rows)
    response["Cache-Control"] = "no-store"
    return response

"""The audit trail of requests: Wagtail's own log (ModelLogEntry), labelled by reference, never by person."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

SENT = "connect.sent"
VIEWED = "connect.viewed"
ACCEPTED = "connect.accepted"
DECLINED = "connect.declined"
CLOSED = "connect.closed"
EXPORTED = "connect.exported"
DELETED_BY_FAMILY = "connect.deleted_by_family"
PURGED = "connect.purged"

ACTIONS = {
    SENT: (_("Request sent"), _("Request sent")),
    VIEWED: (_("Request opened"), _("Opened the request")),
    ACCEPTED: (_("Request accepted"), _("Accepted the request")),
    DECLINED: (_("Request declined"), _("Declined the request")),
    CLOSED: (_("Request closed"), _("Closed the request")),
    EXPORTED: (_("Request exported"), _("Exported the request for a subject access request")),
    DELETED_BY_FAMILY: (_("Request deleted by the family"), _("The family deleted the request")),
    PURGED: (_("Request deleted after the retention period"), _("Deleted after the retention period")),
}


def record(contact_request, action, user=None, deleted=False):
    """One log entry: who did what to which reference, when. The data says the service, never the person."""
    return log(
        contact_request,
        action,
        user=user,
        data={"service_id": contact_request.service_id, "status": contact_request.status},
        deleted=deleted,
    )

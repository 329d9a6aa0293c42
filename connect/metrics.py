"""Counts for commissioners: requests sent, accepted, declined and time to first response, per service and district.

Only counts and durations leave this module: no reference, name or story. Requests deleted after the
retention period (or by the family) no longer count, so these figures cover the retention window.
"""

import statistics
from collections import defaultdict

from connect.models import ContactRequest
from directory.models import ServicePage


def _summary(rows):
    hours = [(row["responded_at"] - row["created_at"]).total_seconds() / 3600 for row in rows if row["responded_at"]]
    return {
        "sent": len(rows),
        "accepted": sum(1 for row in rows if row["accepted_at"]),
        "declined": sum(1 for row in rows if row["status"] == ContactRequest.Status.DECLINED),
        "answered": len(hours),
        "median_hours_to_first_response": round(statistics.median(hours), 1) if hours else None,
    }


def request_counts(since=None, until=None):
    """{"services": [{service_id, service, districts, sent, accepted, declined, answered, median_hours...}],
    "districts": [{district_code, district, ...the same counts}]}; a service counts in each district it is in."""
    requests = ContactRequest.objects.all()
    if since:
        requests = requests.filter(created_at__gte=since)
    if until:
        requests = requests.filter(created_at__lt=until)
    by_service = defaultdict(list)
    # Only unencrypted columns: counting never decrypts anything.
    for row in requests.values("service_id", "status", "created_at", "responded_at", "accepted_at"):
        by_service[row["service_id"]].append(row)
    services = ServicePage.objects.filter(pk__in=by_service).prefetch_related("districts").order_by("title")
    by_district = defaultdict(list)
    district_names = {}
    service_rows = []
    for service in services:
        rows = by_service[service.pk]
        districts = list(service.districts.all())
        for district in districts:
            by_district[district.code].extend(rows)
            district_names[district.code] = district.name
        service_rows.append(
            {
                "service_id": service.pk,
                "service": service.title,
                "districts": [district.code for district in districts],
                **_summary(rows),
            }
        )
    district_rows = [
        {"district_code": code, "district": district_names[code], **_summary(rows)}
        for code, rows in sorted(by_district.items(), key=lambda item: district_names[item[0]])
    ]
    return {"services": service_rows, "districts": district_rows}

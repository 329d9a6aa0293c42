"""Every weekly opening time becomes a weekly schedule: one per service and hours, listing its days."""

from itertools import groupby

from django.db import migrations

ICAL = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # OpeningTime.weekday 0 = Monday


def forwards(apps, schema_editor):
    OpeningTime = apps.get_model("directory", "OpeningTime")
    Schedule = apps.get_model("directory", "Schedule")
    rows = OpeningTime.objects.order_by("service_id", "opens", "closes", "weekday")
    created = []
    for (service_id, opens, closes), group in groupby(rows, key=lambda row: (row.service_id, row.opens, row.closes)):
        days = ",".join(ICAL[row.weekday] for row in group)
        created.append(
            Schedule(
                service_id=service_id,
                kind="open",
                freq="WEEKLY",
                interval=1,
                byday=days,
                opens_at=opens,
                closes_at=closes,
                sort_order=len(created),
            )
        )
    Schedule.objects.bulk_create(created)


def backwards(apps, schema_editor):
    """Weekly schedules (every week, all sites) go back to opening times; the rest cannot be said that way."""
    OpeningTime = apps.get_model("directory", "OpeningTime")
    Schedule = apps.get_model("directory", "Schedule")
    weekly = Schedule.objects.filter(kind="open", freq="WEEKLY", interval=1, bymonthday="", opens_at__isnull=False)
    rows = []
    for schedule in weekly.filter(closes_at__isnull=False):
        for code in filter(None, (part.strip().upper() for part in schedule.byday.split(","))):
            if code in ICAL:
                rows.append(
                    OpeningTime(
                        service_id=schedule.service_id,
                        weekday=ICAL.index(code),
                        opens=schedule.opens_at,
                        closes=schedule.closes_at,
                    )
                )
    OpeningTime.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_schedules")]

    operations = [migrations.RunPython(forwards, backwards)]

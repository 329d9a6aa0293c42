"""POST data for the Wagtail admin's service editor, as a browser would send it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def service_edit_data(service, action=None, **changes):
    """The editor's form for `service` with `changes` applied; `action` is "publish" or "submit"."""
    locations = [
        {
            "id": location.pk,
            "name": location.name,
            "address": location.address,
            "town": location.town,
            "postcode": location.postcode,
        }
        for location in service.locations.all()
    ]
    values = {
        "title": service.title,
        "slug": service.slug,
        "summary": service.summary,
        "description": rich_text(service.description or "<p></p>"),
        "eligibility": service.eligibility,
        "cost": service.cost,
        "cost_detail": service.cost_detail,
        "languages": service.languages,
        "in_person": "on" if service.in_person else "",
        "last_reviewed": service.last_reviewed.isoformat(),
        "review_interval_months": service.review_interval_months,
        "locations": inline_formset(locations, initial=len(locations)),
        "schedules": inline_formset([]),
        "comments": inline_formset([]),
    }
    values.update(changes)
    data = nested_form_data(values)
    data = {key: value for key, value in data.items() if value != ""}
    if action:
        data[f"action-{action}"] = action
    return data

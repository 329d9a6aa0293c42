"""Putting every service of a feed under one of our organisations, by rewriting the ORUK records before import."""

import uuid

from directory.models import OrganisationPage


def organisation_record(organisation: OrganisationPage) -> dict:
    """Our organisation as an ORUK organisation, so the import matches it by id and changes nothing."""
    record = {"id": str(organisation.oruk_id), "name": organisation.title, "description": organisation.summary}
    # The schema refuses empty addresses: give only those the organisation has.
    if organisation.email:
        record["email"] = organisation.email
    if organisation.website:
        record["website"] = organisation.website
    if organisation.phone:
        record["phones"] = [{"id": str(uuid.uuid5(organisation.oruk_id, "phone")), "number": organisation.phone}]
    return record


def _service(service, record: dict):
    if isinstance(service, dict):
        service.pop("organization_id", None)
        service["organization"] = dict(record)
    return service


def under_one_organisation(data, organisation: OrganisationPage):
    """The same feed, each service naming `organisation`. An organisation with its services becomes its
    services; an organisation without services (nothing to place) is left out."""
    record = organisation_record(organisation)

    def records(items):
        out = []
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("services"), list) and "status" not in item:
                out.extend(_service(service, record) for service in item["services"])
            elif isinstance(item, dict) and isinstance(item.get("service"), dict) and "location" in item:
                _service(item["service"], record)
                out.append(item)
            elif isinstance(item, dict) and "status" not in item:
                continue  # an organisation on its own
            else:
                out.append(_service(item, record))
        return out

    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return {**data, "contents": records(data["contents"])}
    if isinstance(data, list):
        return records(data)
    return records([data])

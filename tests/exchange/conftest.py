"""A feed server inside the test process (no network), and ORUK services and pages to serve from it."""

import copy
import uuid

from tests.oruk.conftest import schemas  # noqa: F401  (a fixture used by these tests)
from tests.stand_ins import Answer  # noqa: F401  (for the tests that import it from here)

ORGANISATION = {"id": "9a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d", "name": "Seaside Families", "description": "A charity."}


def service(n: int = 0, **changes) -> dict:
    """A small valid ORUK service, number `n`, at a real West Sussex postcode."""
    record = {
        "id": str(uuid.UUID(int=0x3F1C2D7A52A44C579D0B000000000000 + n)),
        "name": f"Family service {n}",
        "description": "Help with parenting.",
        "status": "active",
        "organization": copy.deepcopy(ORGANISATION),
        "service_at_locations": [
            {
                "id": str(uuid.UUID(int=0xB1E2C3D4A5B64C7D8E9F000000000000 + n)),
                "location": {
                    "id": str(uuid.UUID(int=0xC2D3E4F5A6B74C8D9E0F000000000000 + n)),
                    "location_type": "physical",
                    "name": "Bognor Library",
                    "addresses": [
                        {
                            "id": str(uuid.UUID(int=0xD3E4F5A6B7C84D9E8F0A000000000000 + n)),
                            "address_1": "London Road",
                            "city": "Bognor Regis",
                            "state_province": "West Sussex",
                            "postal_code": "PO21 1DP",
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
    }
    record.update(changes)
    return record


def location_of(record) -> dict:
    return record["service_at_locations"][0]["location"]


def pages(services, per_page, *, links=True, **overrides) -> dict[str, dict]:
    """An ORUK paged feed: {"/services?page=N": page}, each page linking to the next when `links`."""
    total_pages = max(1, -(-len(services) // per_page))
    feed = {}
    for number in range(1, total_pages + 1):
        contents = services[(number - 1) * per_page : number * per_page]
        page = {
            "total_items": len(services),
            "total_pages": total_pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number == total_pages,
            "empty": not contents,
            "contents": contents,
        }
        if links and number < total_pages:
            page["next"] = f"/services?page={number + 1}"
        feed[f"/services?page={number}"] = page
    return feed

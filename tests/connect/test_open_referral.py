"""Open Referral UK: a service that takes requests says so in x-earlyhelp, and an import keeps it."""

import pytest

from directory.exchange.oruk import EXTENSION, export_services
from directory.exchange.oruk_import import import_oruk
from directory.models import ServicePage
from tests.oruk.conftest import schemas  # noqa: F401  (skips locally without the schemas, fails in CI)

pytestmark = pytest.mark.django_db


def record_for(service):
    return next(record for record in export_services() if record["name"] == service.title)


def test_the_feed_says_which_services_take_requests(service_a):
    service_a.professional_referrals_only = True
    service_a.save()
    extension = record_for(service_a)[EXTENSION]
    assert extension["accepts_requests"] is True
    assert extension["professional_referrals_only"] is True


@pytest.mark.usefixtures("schemas")
def test_an_import_keeps_the_setting(service_a):
    record = record_for(service_a)
    ServicePage.objects.filter(pk=service_a.pk).update(accepts_requests=False)
    import_oruk([record], publish=True)
    assert ServicePage.objects.get(pk=service_a.pk).accepts_requests is True

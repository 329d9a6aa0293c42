import pytest

from directory.factories import ServicePageFactory


@pytest.mark.django_db
def test_pages_render(client, area, commissioner):
    ServicePageFactory(tags={"topics": ["autism"]})
    client.force_login(commissioner)
    for url in ("/admin/insight/", "/admin/insight/searches/", "/admin/insight/quality/"):
        response = client.get(url)
        assert response.status_code == 200, url

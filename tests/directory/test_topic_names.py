"""Topics in the reader's language: named by the directory team (the common ones seeded), searched by that name."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.factories import ServicePageFactory
from directory.topics import TopicName, topics_in_language
from tests.results import result_names

pytestmark = pytest.mark.django_db


def published(title, topics):
    page = ServicePageFactory(title=title)
    page.topics.set(topics)
    page.save()
    page.save_revision().publish()
    return page


def topic_list(html):
    return html.split('class="govuk-list eh-topic-list"')[1].split("</ul>")[0]


def test_a_polish_service_page_names_its_topics_in_polish(client):
    service = published("Bumps and babies", ["breastfeeding", "Parenting", "knitting"])
    with translation.override("pl"):
        topics = topic_list(client.get(service.url).content.decode())
    # Named topics in Polish, searching in Polish; a topic nobody has named yet stays English, and says so.
    assert (
        '<a class="govuk-link" href="/pl/search/?q=karmienie+piersi%C4%85"><bdi lang="pl">karmienie piersią' in topics
    )
    assert '<bdi lang="pl">rodzicielstwo</bdi>' in topics
    assert '<bdi lang="en">knitting</bdi>' in topics
    assert "breastfeeding" not in topics


def test_an_english_page_names_topics_as_tagged(client):
    service = published("Bumps and babies", ["breastfeeding"])
    topics = topic_list(client.get(service.url).content.decode())
    assert '<a class="govuk-link" href="/search/?q=breastfeeding"><bdi lang="en">breastfeeding</bdi></a>' in topics


def test_topics_are_listed_in_the_order_of_the_readers_names():
    page = published("Bumps and babies", ["parenting", "breastfeeding", "autism"])
    names = [str(name) for name in topics_in_language(list(page.topics.all()), "ar")]
    assert names == sorted(["تربية الأطفال", "الرضاعة الطبيعية", "التوحد"])


def test_a_topics_name_in_polish_finds_its_english_listings(client):
    published("Bumps and babies", ["breastfeeding"])
    published("Youth club", ["youth clubs"])
    html = client.get("/pl/search/", {"q": "karmienie piersią"}).content.decode()
    assert result_names(html) == ["Bumps and babies"]


def test_a_name_the_team_adds_is_searched_at_once(client):
    published("Knit and natter", ["knitting"])
    assert result_names(client.get("/pl/search/", {"q": "dziewiarstwo"}).content.decode()) == []
    TopicName.objects.create(topic="Knitting", language="pl", name="dziewiarstwo")
    assert result_names(client.get("/pl/search/", {"q": "dziewiarstwo"}).content.decode()) == ["Knit and natter"]


def test_the_common_topics_are_named_in_each_language():
    assert TopicName.objects.filter(topic="food bank").count() == 4
    assert TopicName.objects.get(topic="food bank", language="ur").name == "فوڈ بینک"


def test_a_second_name_for_a_topic_in_one_language_is_a_polite_error(admin_client):
    url = reverse("wagtailsnippets_directory_topicname:add")
    response = admin_client.post(url, {"topic": " Food  Bank", "language": "pl", "name": "spiżarnia"})
    assert response.status_code == 200
    assert "This topic already has a name in this language" in response.content.decode()
    assert TopicName.objects.filter(topic_key="food bank", language="pl").count() == 1

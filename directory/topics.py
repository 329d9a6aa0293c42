"""Topics in the reader's language: topics are free tags providers type in English, so their names in the
site's other languages are a list the directory team keeps (a snippet), seeded with the common ones."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def other_languages():
    """Every language the product speaks but English, whichever the area offers (an area may add one later)."""
    from directory.translations import SOURCE_LANG  # it imports the page models, which import this module

    return [(code, name) for code, name in settings.LANGUAGE_NAMES.items() if code != SOURCE_LANG]


def topic_key(name):
    """How a topic is matched: "Food bank " and "food bank" are one topic."""
    return " ".join(name.split()).casefold()


class TopicName(models.Model):
    """What one topic is called in one language: "breastfeeding" is "karmienie piersią" in Polish."""

    topic = models.CharField(
        _("topic"), max_length=100, help_text=_("As services are tagged with it, in English: “food bank”.")
    )
    language = models.CharField(_("language"), max_length=10, choices=other_languages)
    name = models.CharField(_("name in that language"), max_length=100)
    topic_key = models.CharField(max_length=100, editable=False)

    class Meta:
        verbose_name = _("topic name in another language")
        verbose_name_plural = _("topic names in other languages")
        ordering = ["topic_key", "language"]
        constraints = [models.UniqueConstraint(fields=["topic_key", "language"], name="one_name_per_topic_language")]

    def __str__(self):
        return f"{self.topic} ({self.language}): {self.name}"

    def save(self, *args, **kwargs):
        self.topic_key = topic_key(self.topic)
        super().save(*args, **kwargs)

    def clean(self):
        # The key is not on the admin's form, so Django's own check of the constraint skips it: a polite error here.
        super().clean()
        self.topic_key = topic_key(self.topic or "")
        taken = TopicName.objects.filter(topic_key=self.topic_key, language=self.language).exclude(pk=self.pk)
        if self.topic_key and taken.exists():
            raise ValidationError({"name": _("This topic already has a name in this language: change that one.")})


def topic_name_groups():
    """Each named topic with its names, as a synonym group (search.text): a family typing "karmienie piersią"
    finds the listings tagged "breastfeeding", and a topic link on a Polish page can search in Polish."""
    groups = {}
    for topic, name in TopicName.objects.order_by("topic_key", "language").values_list("topic", "name"):
        groups.setdefault(topic_key(topic), [topic]).append(name)
    return list(groups.values())


def topics_in_language(tags, language_code=None):
    """[Words] for a service's topic tags: each named in the reader's language where the directory team has named
    it, else in English marked so. Searching the name finds the topic either way (topic_name_groups). One query."""
    from directory.translations import SOURCE_LANG, Words  # it imports the page models, which import this module

    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    names = names_in_language([tag.name for tag in tags], language_code)
    shown = []
    for tag in tags:
        name = names.get(tag.name)
        shown.append(Words(name, language_code) if name else Words(tag.name, SOURCE_LANG))
    return sorted(shown, key=lambda name: str(name).casefold())


def names_in_language(topics, language_code=None):
    """{topic: its name in this language} for the topics (English, as tagged) the directory team has named."""
    from directory.translations import in_source_language

    language_code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    if in_source_language(language_code) or not topics:
        return {}
    rows = TopicName.objects.filter(language=language_code, topic_key__in=[topic_key(topic) for topic in topics])
    by_key = dict(rows.values_list("topic_key", "name"))
    return {topic: by_key[topic_key(topic)] for topic in topics if topic_key(topic) in by_key}

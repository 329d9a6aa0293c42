"""Admin menus for the directory: the vocabularies as one snippet group."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory import translation_hooks  # noqa: F401  (registers the "Translate" action)
from directory.accessibility import AccessibilityFeature
from directory.local_offer import SendNeed
from directory.places import PlaceAlias
from directory.schedules import TermDates
from directory.topics import TopicName
from directory.vocabularies import AgeBandTag, DistrictTag, NeedLevelTag, OutcomeTag


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]
    ordering = ["order", "name"]


class OutcomeViewSet(VocabularyViewSet):
    model = OutcomeTag
    icon = "tick-inverse"


class NeedLevelViewSet(VocabularyViewSet):
    model = NeedLevelTag
    icon = "list-ol"
    list_display = ["level", "name", "code"]


class AgeBandViewSet(VocabularyViewSet):
    model = AgeBandTag
    icon = "group"
    list_display = ["name", "code", "min_age", "max_age"]


class DistrictViewSet(VocabularyViewSet):
    model = DistrictTag
    icon = "site"
    list_display = ["name", "code", "quadrant"]


class PlaceAliasViewSet(SnippetViewSet):
    model = PlaceAlias
    icon = "site"
    list_display = ["alias", "place", "area"]
    search_fields = ["alias", "place"]
    list_filter = ["area"]


class TopicNameViewSet(SnippetViewSet):
    model = TopicName
    icon = "globe"
    list_display = ["topic", "language", "name"]
    search_fields = ["topic", "name"]
    list_filter = ["language"]


class AccessibilityFeatureViewSet(VocabularyViewSet):
    model = AccessibilityFeature
    icon = "user"
    list_display = ["name", "code", "icon", "order"]


class SendNeedViewSet(VocabularyViewSet):
    model = SendNeed
    icon = "help"


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "tag"
    menu_order = 250
    items = (
        OutcomeViewSet,
        NeedLevelViewSet,
        AgeBandViewSet,
        DistrictViewSet,
        PlaceAliasViewSet,
        TopicNameViewSet,
        AccessibilityFeatureViewSet,
        SendNeedViewSet,
    )


register_snippet(VocabularyGroup)


class TermDatesViewSet(SnippetViewSet):
    """Term dates for "term time only" schedules (directory/schedules.py)."""

    model = TermDates
    icon = "date"
    menu_label = _("Term dates")
    menu_order = 260
    add_to_admin_menu = True


register_snippet(TermDatesViewSet)

"""What the coverage pages may be narrowed by: the dimension across, cost, delivery mode and topic."""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from directory.models import ServicePage
from directory.vocabularies import AGE_BAND, BY_KEY, NEED_LEVEL, OUTCOME, DeliveryMode, ServiceTopic

# The vocabularies the matrix can put across the top; districts always run down the side.
DIMENSIONS = (OUTCOME, NEED_LEVEL, AGE_BAND)


def topic_choices():
    """Topic tags some service carries, by name."""
    # One index probe per tag (there are tens), not a scan of every service's topic rows.
    used = Tag.objects.filter(Exists(ServiceTopic.objects.filter(tag_id=OuterRef("pk"))))
    return [(name, name) for name in used.order_by("name").values_list("name", flat=True)]


class CoverageFilterForm(forms.Form):
    across = forms.ChoiceField(
        label=_("Across the top"),
        required=False,
        choices=[(vocabulary.key, vocabulary.legend) for vocabulary in DIMENSIONS],
    )
    cost = forms.ChoiceField(label=_("Cost"), required=False, choices=[("", _("Any cost")), *ServicePage.Cost.choices])
    delivery = forms.ChoiceField(
        label=_("Delivered"), required=False, choices=[("", _("Any way")), *DeliveryMode.choices]
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any topic")), *topic_choices()]

    def filters(self):
        """The filters that passed; a filter that did not is left out (and reported by `problems()`)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return CoverageFilters(
            across=data.get("across") or OUTCOME.key,
            cost=data.get("cost") or "",
            delivery=data.get("delivery") or "",
            topic=data.get("topic") or "",
        )

    def problems(self):
        messages = []
        for name, _errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else name
            messages.append(_("%(filter)s: that choice is not one we know, so it is not applied.") % {"filter": label})
        return messages


class CoverageFilters:
    """The checked filters; `params()` gives them back as URL parameters."""

    def __init__(self, across=OUTCOME.key, cost="", delivery="", topic=""):
        self.across, self.cost, self.delivery, self.topic = across, cost, delivery, topic

    @property
    def vocabulary(self):
        return BY_KEY[self.across]

    def q(self, prefix=""):
        """The filters as a Q on services, or on a relation to them (`prefix` "service__")."""
        q = Q()
        if self.cost:
            q &= Q(**{f"{prefix}cost": self.cost})
        if self.delivery:
            q &= Q(**{f"{prefix}{DeliveryMode(self.delivery).field}": True})
        if self.topic:
            # A subquery, so a service's other rows are not multiplied by the topic join.
            q &= Q(**{f"{prefix}pk__in": ServiceTopic.objects.filter(tag__name=self.topic).values("content_object_id")})
        return q

    def apply(self, services):
        return services.filter(self.q())

    def params(self):
        return {name: value for name in ("across", "cost", "delivery", "topic") if (value := getattr(self, name))}

    def describe(self):
        parts = []
        if self.cost:
            parts.append(str(ServicePage.Cost(self.cost).label))
        if self.delivery:
            parts.append(str(DeliveryMode(self.delivery).label))
        if self.topic:
            parts.append(f"topic “{self.topic}”")
        return ", ".join(parts)


def coverage_filters(params):
    form = CoverageFilterForm(params)
    form.is_valid()
    return form, form.filters(), form.problems()

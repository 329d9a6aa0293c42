"""The admin form for a service: a vocabulary term that does not exist is an error, not silently dropped."""

from django.utils.translation import gettext as _
from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm

from directory.schedules import check_load
from directory.vocabularies import CONTROLLED, DISTRICT

# The vocabularies editors type terms into; districts are derived from locations, never typed.
TYPED_VOCABULARIES = tuple(vocabulary for vocabulary in CONTROLLED if vocabulary is not DISTRICT)


class ServicePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.feeds.ownership import hold_feed_owned_fields  # the feeds app imports our models

        hold_feed_owned_fields(self)
        # A schedule names one of this service's own saved locations, never another service's (whose addresses
        # may be confidential): every schedule form of this page, the blank one for "Add" too, is scoped so.
        formset = self.formsets.get("schedules")
        if formset is not None:
            service_id = self.instance.pk or 0
            base = formset.form

            def scoped(form_self, *form_args, **form_kwargs):
                base.__init__(form_self, *form_args, **form_kwargs)
                if "location" in form_self.fields:
                    field = form_self.fields["location"]
                    field.queryset = field.queryset.filter(service_id=service_id)

            formset.form = type(base.__name__, (base,), {"__init__": scoped})

    def clean(self):
        cleaned_data = super().clean()
        for vocabulary in TYPED_VOCABULARIES:
            field = vocabulary.field
            if field not in self.fields:
                continue
            typed = parse_tags(self.data.get(self.add_prefix(field), "") or "")
            known = set(cleaned_data.get(field) or [])
            unknown = [name for name in typed if name not in known]
            if unknown:
                self.add_error(
                    field,
                    _("“%(terms)s” is not in the list of %(label)s. Choose from the suggestions as you type.")
                    % {"terms": "”, “".join(unknown), "label": vocabulary.model._meta.verbose_name_plural},
                )
        self._check_schedule_load()
        return cleaned_data

    def _check_schedule_load(self):
        """Rules each valid can still add up to an impossible timetable (directory.schedules.MAX_SESSIONS_A_YEAR)."""
        formset = getattr(self, "formsets", {}).get("schedules")
        if formset is None or not formset.is_valid():
            return
        kept = [form.instance for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        message = check_load(kept)
        if message:
            self.add_error(None, message)

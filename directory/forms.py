"""The admin form for a service: a vocabulary term that does not exist is an error, not silently dropped."""

from django.utils.translation import gettext as _
from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm

# Field name -> what the editor calls the list, for the error message.
VOCABULARY_FIELDS = {"outcomes": "outcomes", "need_levels": "need levels", "age_bands": "age bands"}


class ServicePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        for field, label in VOCABULARY_FIELDS.items():
            if field not in self.fields:
                continue
            typed = parse_tags(self.data.get(self.add_prefix(field), "") or "")
            known = set(cleaned_data.get(field) or [])
            unknown = [name for name in typed if name not in known]
            if unknown:
                self.add_error(
                    field,
                    _("“%(terms)s” is not in the list of %(label)s. Choose from the suggestions as you type.")
                    % {"terms": "”, “".join(unknown), "label": _(label)},
                )
        return cleaned_data

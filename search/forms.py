"""The search parameters of /search/ and /api/search, read into a ServiceQuery or polite errors per parameter."""

import datetime
import re
import unicodedata
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory import geo
from directory.models import OLDEST_SEARCH_AGE
from directory.schedules import now_in_london
from directory.vocabularies import BY_KEY, CONTROLLED, DeliveryMode, Weekday, controlled_terms
from search.language_names import english_name
from search.offer_filters import ACCESS, MARK, OFFER_FILTERS, SEND, offer_terms
from search.query import DEFAULT_RADIUS_MILES, MAX_PAGE_SIZE, MAX_RADIUS_MILES, SORTS, ServiceQuery

MAX_TEXT_LENGTH = 200
MAX_PLACE_LENGTH = 100
MAX_PAGE = 10_000  # far beyond any real directory; stops absurd offsets reaching the database
MAX_LANGUAGES = 10
SEARCHABLE_DATES = datetime.timedelta(days=366)
DEFAULT_PAGE_SIZE = ServiceQuery.page_size
TRUE_WORDS = frozenset(["true", "1", "on", "yes"])
FALSE_WORDS = frozenset(["false", "0", "off", "no", ""])
LANGUAGE_RE = re.compile(r"^[^\W\d_]+(?:[\s'’-]+[^\W\d_]+)*$")

SORT_LABELS = {
    "distance": _("Nearest first"),
    "relevance": _("Best match"),
    "name": _("Name (A to Z)"),
    "last_checked": _("Recently checked"),
}
# A day as typed in ?day=: its full name, in any case.
DAYS_BY_CODE = {day.code: day for day in Weekday}


class ListInput(forms.MultipleHiddenInput):
    """Reads a parameter given several times (?district=a&district=b) or comma-separated (?district=a,b)."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return [part.strip() for value in values for part in str(value).split(",") if part.strip()]

    def value_omitted_from_data(self, data, files, name):
        return False


class CodeListField(forms.Field):
    """Codes from a known set, matched without regard to case; an unknown code is named in the error."""

    widget = ListInput

    def __init__(self, *, noun, codes=(), **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.noun = noun
        self.codes = list(codes)

    def to_python(self, value):
        known = {code.lower(): code for code in self.codes}
        chosen = []
        for code in value or []:
            canonical = known.get(code.lower())
            if canonical is None:
                raise forms.ValidationError(
                    _("“%(code)s” is not a known %(noun)s. Use one of: %(codes)s."),
                    code="unknown",
                    params={"code": code[:40], "noun": self.noun, "codes": ", ".join(self.codes)},
                )
            if canonical not in chosen:
                chosen.append(canonical)
        return tuple(chosen)


class YesNoField(forms.Field):
    """A flag: true, 1, on or yes; false, 0, off, no or absent."""

    widget = forms.TextInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        word = (value or "").strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")


def _without_marks(name):
    """The letters without accents or vowel signs (Arabic's shadda is a mark, not a letter)."""
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))


class LanguageListField(forms.Field):
    """Names of languages as services write them ("Polish", "British Sign Language"), typed in any reader's language."""

    widget = ListInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        languages = []
        for name in value or []:
            name = " ".join(name.split())
            if len(name) > 40 or not LANGUAGE_RE.match(_without_marks(name)):
                raise forms.ValidationError(_("Enter a language by its name, like Polish."), code="invalid")
            name = english_name(name)
            if name.lower() not in [language.lower() for language in languages]:
                languages.append(name)
        if len(languages) > MAX_LANGUAGES:
            raise forms.ValidationError(
                _("Choose at most %(max)d languages."), code="too_many", params={"max": MAX_LANGUAGES}
            )
        return tuple(languages)


def _out_of_range(message, code, **params):
    return forms.ValidationError(message, code=code, params=params)


def _in_reader_language(codes_and_names):
    return [(code, gettext(str(name))) for code, name in codes_and_names]


class SearchForm(forms.Form):
    """Every search parameter (unknown ones are ignored); `to_query()` gives the ServiceQuery."""

    q = forms.CharField(required=False, label=_("Keywords"))
    postcode = forms.CharField(required=False, label=_("Postcode or town"))
    radius = forms.FloatField(
        required=False,
        label=_("Distance"),
        error_messages={"invalid": _("Enter the distance in miles as a number, like 5.")},
    )
    outcome = CodeListField(noun=_("outcome"), label=BY_KEY["outcome"].legend)
    need_level = CodeListField(noun=_("need level"), label=BY_KEY["need_level"].legend)
    age = forms.IntegerField(
        required=False,
        label=_("Age of the child or young person"),
        error_messages={"invalid": _("Enter the age in years as a whole number, like 7.")},
    )
    age_band = CodeListField(noun=_("age group"), label=BY_KEY["age_band"].legend)
    district = CodeListField(noun=_("district"), label=BY_KEY["district"].legend)
    free = YesNoField(label=_("Free only"))
    delivery = CodeListField(noun=_("way of giving help"), codes=DeliveryMode.values, label=_("How help is given"))
    self_referral = YesNoField(label=_("Families can refer themselves"))
    language = LanguageListField(label=_("Language spoken"))
    day = forms.CharField(required=False, label=_("Open on"))
    open_now = YesNoField(label=_("Open now"))
    weekends = YesNoField(label=_("At weekends"))
    evenings = YesNoField(label=_("After 6pm"))
    date = forms.DateField(
        required=False,
        label=_("On a date"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"],
        error_messages={"invalid": _("Enter a real date, like 24/12/2026.")},
    )
    # Issue 13 (search/offer_filters.py): ?access=step_free, ?send=autism, ?mark=family_hub; codes set in __init__.
    access = CodeListField(noun=ACCESS.noun, label=ACCESS.legend)
    send = CodeListField(noun=SEND.noun, label=SEND.legend)
    mark = CodeListField(noun=MARK.noun, label=MARK.legend)
    sort = forms.CharField(required=False, label=_("Sort by"))
    # "Search instead for <the words as typed>": no spelling correction.
    exact = YesNoField(label=_("Search for the words exactly as typed"))
    page = forms.IntegerField(
        required=False, label=_("Page"), error_messages={"invalid": _("The page must be a whole number, 1 or more.")}
    )
    page_size = forms.IntegerField(
        required=False,
        label=_("Results per page"),
        error_messages={"invalid": _("The page size must be a whole number from 1 to 200.")},
    )
    # Set by the "Search instead for Chichster" link: the place as typed, never corrected again.
    exact_place = YesNoField(label=_("Search for the place exactly as typed"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The loaded area's terms, in their editorial order, by parameter: they are also the filters'
        # labels, so the view reads them from here rather than asking the database again.
        terms = self.vocabulary_terms = controlled_terms()
        # The names are the filters' labels, so they are in the reader's language (the area's terms are
        # msgids: directory.area_strings); a name without a translation stays as the editor typed it.
        self.vocabularies = {vocabulary.key: _in_reader_language(terms[vocabulary.field]) for vocabulary in CONTROLLED}
        self.offer_terms = {parameter: _in_reader_language(names) for parameter, names in offer_terms().items()}
        for parameter, codes_and_names in (self.vocabularies | self.offer_terms).items():
            self.fields[parameter].codes = [code for code, _name in codes_and_names]
        self.place = None
        self.place_district_name = ""
        self.place_typed = ""  # the place as typed (trimmed), when it was corrected to another name
        self.place_corrected = False
        self.place_trimmed = False
        self.place_alternatives = ()  # "Did you mean …?" names when the place typed matched several

    def clean_q(self):
        # Long pasted text is cut, not refused: the first words carry the meaning.
        return " ".join(self.cleaned_data["q"].split())[:MAX_TEXT_LENGTH]

    def clean_postcode(self):
        """Understand the place; GeodataUnavailable is left to rise: it is the server's fault, not the searcher's."""
        text = " ".join(self.cleaned_data["postcode"].split())
        if not text:
            return ""
        if len(text) > MAX_PLACE_LENGTH:
            # Cut, not refused, as with the keywords; the page says so.
            text, self.place_trimmed = text[:MAX_PLACE_LENGTH].strip(), True
        district_codes = [code for code, _name in self.vocabularies["district"]]
        exact = self._exact_place()
        try:
            match = geo.understand_place(text, prefer_lads=district_codes, county=_area_county(), correct=not exact)
        except geo.PlaceNotFound as error:
            self.place_alternatives = error.alternatives
            raise forms.ValidationError(str(error), code="place") from error
        except geo.GeocodingError as error:
            raise forms.ValidationError(str(error), code="place") from error
        self.place = match.place
        self.place_district_name = dict(self.vocabularies["district"]).get(self.place.lad_code, "")
        if match.corrected:
            # Links from this page search the corrected place; the echo offers the typed one.
            self.place_typed, self.place_corrected = text, True
            return match.place.label
        return text

    def _exact_place(self):
        try:
            return self.fields["exact_place"].clean(self.data.get("exact_place"))
        except forms.ValidationError:
            return False

    @property
    def place_outside_area(self):
        """True when the place is known but in none of the area's districts ("Cardiff", "EH1 1AA")."""
        codes = [code for code, _name in self.vocabularies["district"]]
        return bool(self.place and codes and self.place.lad_code not in codes)

    def clean_radius(self):
        radius = self.cleaned_data["radius"]
        if radius is None:
            return DEFAULT_RADIUS_MILES
        if radius <= 0:
            raise _out_of_range(_("Enter a distance of more than 0 miles."), "min_value")
        if radius > MAX_RADIUS_MILES:
            raise _out_of_range(_("Enter a distance of %(max)d miles or less."), "max_value", max=MAX_RADIUS_MILES)
        return radius

    def clean_age(self):
        age = self.cleaned_data["age"]
        if age is not None and not 0 <= age <= OLDEST_SEARCH_AGE:
            raise _out_of_range(_("Enter an age from 0 to %(max)d years."), "out_of_range", max=OLDEST_SEARCH_AGE)
        return age

    def clean_day(self):
        day = self.cleaned_data["day"].strip().lower()
        if not day:
            return None
        if day not in DAYS_BY_CODE:
            raise forms.ValidationError(_("Choose a day of the week, like monday."), code="invalid")
        return DAYS_BY_CODE[day].value

    def clean_date(self):
        # Dated sessions are indexed for a year ahead (directory.schedules.HORIZON, kept by a monthly rebuild):
        # a date outside that would quietly find only the weekly ones.
        day = self.cleaned_data["date"]
        today = now_in_london().date()
        if day is not None and not today <= day <= today + SEARCHABLE_DATES:
            raise forms.ValidationError(_("Choose a date from today to a year from now."), code="out_of_range")
        return day

    def clean_sort(self):
        sort = self.cleaned_data["sort"].strip().lower()
        if sort and sort not in SORTS:
            raise _out_of_range(_("Sort by one of: %(sorts)s."), "invalid", sorts=", ".join(SORTS))
        return sort

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page is None:
            return 1
        if page < 1:
            raise _out_of_range(_("The page must be a whole number, 1 or more."), "min_value")
        if page > MAX_PAGE:
            raise _out_of_range(_("The page must be %(max)d or less."), "max_value", max=MAX_PAGE)
        return page

    def clean_page_size(self):
        size = self.cleaned_data["page_size"]
        if size is None:
            return DEFAULT_PAGE_SIZE
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise _out_of_range(
                _("The page size must be a whole number from 1 to %(max)d."), "out_of_range", max=MAX_PAGE_SIZE
            )
        return size

    @property
    def place_label(self):
        """What was understood, for the echo: "BN11 1HS, Worthing", "Findon, Arun", or just "Worthing"."""
        if self.place is None:
            return ""
        # "Worthing BN11" already names its district; "Arundel" does not name Arun.
        district = self.place_district_name
        if district and self.place.label != district and not self.place.label.startswith(district + " "):
            return f"{self.place.label}, {district}"
        return self.place.label

    def parameter_errors(self):
        """[{"parameter": name, "message": text}]: the first error of each parameter, in the form's order."""
        return [
            {"parameter": name, "message": str(self.errors[name][0])} for name in self.fields if name in self.errors
        ]

    def to_query(self):
        data = self.cleaned_data
        return ServiceQuery(
            text=data["q"],
            near=self.place,
            radius_miles=data["radius"],
            outcomes=data["outcome"],
            need_levels=data["need_level"],
            age=data["age"],
            age_bands=data["age_band"],
            districts=data["district"],
            free_only=data["free"],
            delivery=data["delivery"],
            self_referral=data["self_referral"],
            languages=data["language"],
            day=data["day"],
            open_now=data["open_now"],
            weekends=data["weekends"],
            evenings=data["evenings"],
            on_date=data["date"],
            **{offer.field: data[offer.parameter] for offer in OFFER_FILTERS},
            sort=data["sort"],
            exact=data["exact"],
            page=data["page"],
            page_size=data["page_size"],
            vocabulary_terms=self.vocabulary_terms,
        )


def _area_county():
    return geo.site_area()[2]


def _number(value):
    return str(int(value)) if float(value).is_integer() else str(value)


def _how_parameters(query):
    """How the words are searched and sorted: sort, and exact (no spelling correction)."""
    return ([("sort", query.sort)] if query.sort else []) + ([("exact", "1")] if query.exact else [])


def query_parameters(query, place_text=""):
    """The parameters that ask for `query` again (SearchForm read backwards), as (name, value) pairs."""
    pairs = []
    if query.text:
        pairs.append(("q", query.text))
    if place_text:
        pairs.append(("postcode", place_text))
    if query.radius_miles != DEFAULT_RADIUS_MILES:
        pairs.append(("radius", _number(query.radius_miles)))
    for vocabulary in CONTROLLED:
        pairs.extend((vocabulary.key, code) for code in getattr(query, vocabulary.field))
    if query.age is not None:
        pairs.append(("age", str(query.age)))
    if query.free_only:
        pairs.append(("free", "true"))
    pairs.extend(("delivery", mode) for mode in query.delivery)
    if query.self_referral:
        pairs.append(("self_referral", "true"))
    pairs.extend(("language", language) for language in query.languages)
    if query.day is not None:
        pairs.append(("day", Weekday(query.day).code))
    pairs += [(name, "true") for name in ("open_now", "weekends", "evenings") if getattr(query, name)]
    if query.on_date is not None:
        pairs.append(("date", query.on_date.isoformat()))
    pairs.extend((offer.parameter, code) for offer in OFFER_FILTERS for code in getattr(query, offer.field))
    pairs.extend(_how_parameters(query))
    if query.page != 1:
        pairs.append(("page", str(query.page)))
    if query.page_size != DEFAULT_PAGE_SIZE:
        pairs.append(("page_size", str(query.page_size)))
    return pairs


def query_string(query, place_text=""):
    """ "?q=autism&postcode=BN11+1HS" asks for `query` again; "" when it asks nothing."""
    pairs = query_parameters(query, place_text)
    return "?" + urlencode(pairs) if pairs else ""

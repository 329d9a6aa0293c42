"""The public search page: place and keyword boxes, what was understood, filters, results, pages, suggestions."""

import datetime
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext, pgettext

from directory.local_offer import Mark
from directory.models import STALE_AFTER, ServicePage
from directory.translations import card_words
from directory.vocabularies import BY_KEY, CONTROLLED, DeliveryMode, Weekday
from search.backends import get_search_backend
from search.beyond_area import area_name, outside_message, services_for_anyone
from search.forms import MAX_PLACE_LENGTH, SORT_LABELS, SearchForm, query_parameters, query_string
from search.log import asks_something, record_search
from search.offer_filters import OFFER_FILTERS
from search.query import DEFAULT_RADIUS_MILES, FACETS_COUNTED_UP_TO, RADIUS_CHOICES_MILES
from search.suggestions import EMPTY
from sitewide.geodata import when_geodata_unavailable
from sitewide.links import in_active_language

TEMPLATE = "search/search_page.html"
UNAVAILABLE_TEMPLATE = "search/search_unavailable.html"
BOXES = ("q", "postcode")
COST_LABELS = dict(ServicePage.Cost.choices)
# Other apps may offer an action on each result (the signposting shortlist); used only if it exists.
RESULT_ACTIONS_TEMPLATE = "signposting/add_button.html"


@dataclass
class Link:
    label: str
    url: str


def _unavailable(request):
    return render(request, UNAVAILABLE_TEMPLATE, status=503)


@when_geodata_unavailable(_unavailable)
def search_page(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        # A form with errors is an answer, not a failure: 200, with the GOV.UK error summary.
        return render(request, TEMPLATE, _page_context(form, query=None, results=None))
    query = form.to_query()
    backend = get_search_backend()
    results = backend.search(query)
    record_search(query, results.total, via_api=False, corrected_text=results.corrected_text)
    context = _page_context(form, query, results)
    context.update(_place_context(form, query, results, backend))
    return render(request, TEMPLATE, context)


def _place_context(form, query, results, backend):
    """What the echo says about the place: a corrected spelling, a trimmed box, a place outside the area."""
    context = {"place_trimmed": form.place_trimmed, "place_max_length": MAX_PLACE_LENGTH}
    context.update(place_typed="", exact_place_url="")
    if form.place_corrected:
        context["place_typed"] = form.place_typed
        context["exact_place_url"] = _url(query, form.place_typed) + "&exact_place=1"
    if form.place_outside_area:
        context["outside_area_message"] = outside_message(form.place_label)
        if not results.total:
            context["area_wide_cards"] = _cards(services_for_anyone(backend, query))
            context["area_wide_heading"] = _("Services for anyone in %(area)s: county-wide or online") % {
                "area": area_name()
            }
    return context


def _page_context(form, query, results):
    place_text = form.cleaned_data.get("postcode", "") if query else ""
    pairs = query_parameters(query, place_text) if query else _typed_pairs(form)
    filter_groups = _filter_groups(form, query, results)
    context = {
        "form": form,
        "typed": {name: form.data.get(name, "") for name in ("q", "postcode", "age", "language", "date")},
        "errors": _errors(form),
        "filter_groups": filter_groups,
        "filters_selected": _filters_selected(filter_groups, form, query),
        # Too many found to count: the filters say when their numbers show (search.query.FACETS_COUNTED_UP_TO).
        "counted_up_to": FACETS_COUNTED_UP_TO if results is not None and results.total > FACETS_COUNTED_UP_TO else None,
        "radius_options": _radius_options(query),
        "sort_options": _sort_options(query),
        "carried_by_boxes": [(name, value) for name, value in pairs if name not in BOXES + ("page",)],
        "carried_by_filters": [(name, value) for name, value in pairs if name in BOXES + ("page_size",)],
        "query": query,
        "results": results,
        "result_actions_template": _result_actions_template(),
        "place_alternatives": [
            Link(name, _url(query, name) if query else _typed_url(form, name)) for name in form.place_alternatives
        ],
    }
    if results is None:
        return context
    context.update(
        {
            "asked": asks_something(query),
            "place_label": form.place_label,
            "radius_label": _miles(query.radius_miles),
            "cards": _cards(results.items),
            "applied_filters": _applied_filters(form, query, place_text),
            "clear_filters_url": _url(_without_filters(query), place_text) if query.filters else "",
            "suggestions": [
                Link(suggestion.message, _url(suggestion.query, place_text)) for suggestion in results.suggestions
            ],
            "pagination": _pagination(query, results, place_text),
            "first_page_url": _url(replace(query, page=1), place_text),
        }
    )
    return context


def _typed_pairs(form):
    """The known parameters as typed, to carry through a form that has errors."""
    return [(name, value) for name in form.fields for value in form.data.getlist(name) if value]


def _typed_url(form, place_text):
    """The search as typed, with another place: the "Did you mean …?" links of a form with errors."""
    pairs = [(name, value) for name, value in _typed_pairs(form) if name not in ("postcode", "exact_place", "page")]
    return reverse("search:results") + "?" + urlencode([*pairs, ("postcode", place_text)])


def _url(query, place_text):
    return reverse("search:results") + query_string(query, place_text)


def _without_filters(query):
    return query.without(**{name: EMPTY.get(name, ()) for name in query.filters})


def _errors(form):
    """The error summary: each message links to its field where the page has one."""
    if not form.is_bound or not form.errors:
        return []
    targets = {"page": "", "page_size": ""}
    return [
        {**error, "href": targets.get(error["parameter"], "#" + error["parameter"])}
        for error in form.parameter_errors()
    ]


def _result_actions_template():
    try:
        get_template(RESULT_ACTIONS_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return RESULT_ACTIONS_TEMPLATE


def _cards(items):
    words = card_words(items)
    return [_card(item, *words[item.service_id]) for item in items]


def _card(item, title, summary):
    last_checked = None
    if item.last_reviewed:
        last_checked = datetime.date.fromisoformat(item.last_reviewed)
    distance = ""
    if item.distance_miles is not None:
        # Always one decimal ("0.3", "4.0"): languages word a decimal number of miles with one form of their own.
        distance = pgettext("a distance with one decimal place", "%(miles)s miles away") % {
            "miles": number_format(item.distance_miles, 1)
        }
    return {
        "item": item,
        "title": title,  # the reader's language where the service has a published translation (Words)
        "summary": summary,
        # The index keeps one URL per service; link to it in the language of this results page.
        "url": in_active_language(item.url),
        "distance": distance,
        "cost": COST_LABELS.get(item.cost, ""),
        "last_checked": last_checked,
        # The same rule as the service page's warning, so the card and the page agree (issue 18 point 6).
        "stale": last_checked is not None and last_checked + STALE_AFTER < timezone.localdate(),
        "marks": [Mark(code).label for code in item.marks if code in Mark.values],
    }


def _chosen(form, query, parameter):
    """The values of a parameter in force, or as typed when the form has errors (to keep boxes ticked)."""
    if query is not None:
        return _query_values(query, parameter)
    typed = form.data.getlist(parameter) if hasattr(form.data, "getlist") else []
    return tuple(part.strip().lower() for value in typed for part in value.split(",") if part.strip())


def _query_values(query, parameter):
    vocabulary = BY_KEY.get(parameter)
    if vocabulary is not None and vocabulary.controlled:
        return getattr(query, vocabulary.field)
    if parameter == "delivery":
        return query.delivery
    if parameter == "day":
        return (Weekday(query.day).code,) if query.day is not None else ()
    if parameter == "free":
        return ("true",) if query.free_only else ()
    if parameter in WHEN_FLAGS:
        return ("true",) if getattr(query, parameter) else ()
    if parameter == "self_referral":
        return ("true",) if query.self_referral else ()
    offer = next((offer for offer in OFFER_FILTERS if offer.parameter == parameter), None)
    return getattr(query, offer.field) if offer else ()


def _options(parameter, choices, chosen, counts=None):
    options = []
    for index, (value, label) in enumerate(choices):
        count = counts.get(value) if counts is not None else None
        options.append(
            {
                "id": parameter if index == 0 else f"{parameter}-{index + 1}",
                "name": parameter,
                "value": value,
                "label": label,
                "count": count,
                "checked": value in chosen,
            }
        )
    return options


def _group(form, name, legend, options, kind="checkboxes", parameters=None):
    errors = [form.errors[parameter][0] for parameter in parameters or [name] if parameter in form.errors]
    return {"name": name, "legend": legend, "kind": kind, "options": options, "error": errors[0] if errors else ""}


def _filter_groups(form, query, results):
    groups = []
    for vocabulary in CONTROLLED:
        parameter = vocabulary.key
        counts = None
        if results is not None:
            counts = {facet.code: facet.count for facet in results.facets.get(vocabulary.field, [])}
        chosen = _chosen(form, query, parameter)
        if query is None:  # typed codes may differ in case from the vocabulary's
            chosen = tuple(code for code, _name in form.vocabularies[parameter] if code.lower() in chosen)
        options = _options(parameter, form.vocabularies[parameter], chosen, counts)
        groups.append(_group(form, parameter, str(vocabulary.legend), options))
    access = _options("free", [("true", _("Free only"))], _chosen(form, query, "free"))
    access += _options(
        "self_referral", [("true", _("Families can refer themselves"))], _chosen(form, query, "self_referral")
    )
    groups.append(_group(form, "free", _("Cost and referral"), access, parameters=["free", "self_referral"]))
    delivery = [(mode.value, mode.label) for mode in DeliveryMode]
    groups.append(
        _group(
            form, "delivery", _("How help is given"), _options("delivery", delivery, _chosen(form, query, "delivery"))
        )
    )
    when = [
        option
        for name, label in WHEN_FLAGS.items()
        for option in _options(name, [("true", label)], _chosen(form, query, name))
    ]
    groups.append(_group(form, "open_now", _("When you can go"), when, parameters=list(WHEN_FLAGS)))
    days = [("", _("Any day"))] + [(day.code, day.label) for day in Weekday]
    groups.append(
        _group(form, "day", _("Open on"), _options("day", days, _chosen(form, query, "day") or ("",)), "radios")
    )
    for offer in OFFER_FILTERS:
        terms = [(code, _(name)) for code, name in form.offer_terms[offer.parameter]]
        chosen = _chosen(form, query, offer.parameter)
        if query is None:  # typed codes may differ in case
            chosen = tuple(code for code, _name in terms if code.lower() in chosen)
        groups.append(_group(form, offer.parameter, str(offer.legend), _options(offer.parameter, terms, chosen)))
    return groups


# The "when you can go" boxes: parameter -> label.
WHEN_FLAGS = {"open_now": _lazy("Open now"), "weekends": _lazy("At weekends"), "evenings": _lazy("After 6pm")}


def _filters_selected(groups, form, query):
    """How many filters are chosen, for the "Filters (n selected)" control: ticked boxes, a day, age, languages,
    and a distance other than the default (it sits in the same panel, so a changed one must not hide there)."""
    ticked = sum(1 for group in groups for option in group["options"] if option["checked"] and option["value"])
    if query is not None:
        chosen = (query.age is not None) + len(query.languages) + (query.on_date is not None)
        return ticked + chosen + (query.radius_miles != DEFAULT_RADIUS_MILES)
    typed = [form.data.get(name, "").strip() for name in ("age", "language", "date")]
    radius = form.data.get("radius", "").strip()
    return ticked + sum(1 for value in typed if value) + (radius not in ("", f"{DEFAULT_RADIUS_MILES:g}"))


def _miles(value):
    """ "1 mile", "5 miles" in each language's plural forms ("5 mil" in Polish); "2.5 miles" in its decimal form."""
    miles = {"miles": number_format(f"{value:g}")}
    if value != int(value):
        return pgettext("a distance with decimals", "%(miles)s miles") % miles
    return ngettext("%(miles)s mile", "%(miles)s miles", int(value)) % miles


def _radius_options(query):
    radius = query.radius_miles if query else DEFAULT_RADIUS_MILES
    choices = sorted(set(RADIUS_CHOICES_MILES) | {radius})
    return [
        {
            "value": f"{value:g}",
            "label": _miles(value),
            "selected": value == radius,
        }
        for value in choices
    ]


def _sort_options(query):
    current = query.effective_sort if query else ""
    return [{"value": value, "label": label, "selected": value == current} for value, label in SORT_LABELS.items()]


def _applied_filters(form, query, place_text):
    """Each filter in force as a link that removes just that one."""
    links = []
    names = {parameter: dict(terms) for parameter, terms in form.vocabularies.items()}
    for vocabulary in CONTROLLED:
        field = vocabulary.field
        for code in getattr(query, field):
            rest = tuple(value for value in getattr(query, field) if value != code)
            links.append(Link(names[vocabulary.key].get(code, code), _url(query.without(**{field: rest}), place_text)))
    if query.age is not None:
        label = ngettext("Age %(age)d year", "Age %(age)d years", query.age) % {"age": query.age}
        links.append(Link(label, _url(query.without(age=None), place_text)))
    if query.free_only:
        links.append(Link(_("Free only"), _url(query.without(free_only=False), place_text)))
    for mode in query.delivery:
        rest = tuple(value for value in query.delivery if value != mode)
        links.append(Link(str(DeliveryMode(mode).label), _url(query.without(delivery=rest), place_text)))
    if query.self_referral:
        links.append(Link(_("Families can refer themselves"), _url(query.without(self_referral=False), place_text)))
    for language in query.languages:
        rest = tuple(value for value in query.languages if value != language)
        links.append(Link(language, _url(query.without(languages=rest), place_text)))
    if query.day is not None:
        label = _("Open on %(day)s") % {"day": Weekday(query.day).label}
        links.append(Link(label, _url(query.without(day=None), place_text)))
    return links + _when_links(query, place_text) + _offer_links(form, query, place_text)


def _when_links(query, place_text):
    """The filters on when families can go (open now, weekends, evenings, a date), each removable."""
    links = [
        Link(str(label), _url(query.without(**{name: False}), place_text))
        for name, label in WHEN_FLAGS.items()
        if getattr(query, name)
    ]
    if query.on_date is not None:
        label = _("On %(date)s") % {"date": date_format(query.on_date, "DATE_FORMAT")}
        links.append(Link(label, _url(query.without(on_date=None), place_text)))
    return links


def _offer_links(form, query, place_text):
    """The accessibility, SEND and Family Hub filters, each code removable on its own."""
    links = []
    for offer in OFFER_FILTERS:
        labels = dict(form.offer_terms[offer.parameter])
        chosen = getattr(query, offer.field)
        for code in chosen:
            rest = tuple(value for value in chosen if value != code)
            links.append(Link(_(str(labels.get(code, code))), _url(query.without(**{offer.field: rest}), place_text)))
    return links


def _pagination(query, results, place_text):
    """GOV.UK pagination: first, last, and the pages either side of this one, with gaps between."""
    count = results.page_count
    if count <= 1:
        return None
    current = query.page
    shown = sorted({1, count, current - 1, current, current + 1} & set(range(1, count + 1)))
    items, previous = [], None
    for number in shown:
        if previous is not None and number - previous > 1:
            items.append({"ellipsis": True})
        items.append(
            {"number": number, "url": _url(replace(query, page=number), place_text), "current": number == current}
        )
        previous = number
    return {
        "items": items,
        "previous": _url(replace(query, page=current - 1), place_text) if 1 < current <= count else "",
        "next": _url(replace(query, page=current + 1), place_text) if current < count else "",
    }

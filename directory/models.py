"""The offer as content: organisations (providers), their services and the services' locations.

Over 400 lines on purpose: the app's Wagtail page models with their panels, where Django looks for them.
"""

import datetime
import uuid

from dateutil.relativedelta import relativedelta
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from directory import geo, page_context, sites
from directory import schedules as schedule_rules
from directory.accessibility import AccessibilityFeature, with_features
from directory.forms import ServicePageForm
from directory.local_offer import LocalOfferIndexPage, SendNeed, marks_of  # noqa: F401  (a page model)
from directory.places import PlaceAlias  # noqa: F401  (a model Django must find here)
from directory.schedules import Schedule, TermDates, TermPeriod  # noqa: F401  (models Django must find here)
from directory.topics import TopicName  # noqa: F401  (a model Django must find here)
from directory.vocabularies import (  # noqa: F401  (models Django must find here)
    AgeBandTag,
    DistrictTag,
    NeedLevelTag,
    OutcomeTag,
    ServiceAgeBand,
    ServiceDistrict,
    ServiceNeedLevel,
    ServiceOutcome,
    ServiceTopic,
    Weekday,
)

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]
# After this long without a review the public page warns that the listing may be out of date.
STALE_AFTER = relativedelta(months=12)
# The oldest age a service may say it serves: some serve adults (parents, carers, grandparents) too,
# so this bounds typing mistakes, not who a service is for.
OLDEST_SERVICE_AGE = 120
# The oldest child a family may search for: early help reaches young people up to 25 with special
# educational needs or leaving care, never beyond.
OLDEST_SEARCH_AGE = 25


class PublishedQuerySet(PageQuerySet):
    def published(self):
        """What the public may see: live (published) and not behind a privacy restriction."""
        return self.live().public()


PublishedManager = PageManager.from_queryset(PublishedQuerySet)


class DirectoryIndexPage(Page):
    """The root of the offer: every provider organisation lives under it."""

    # The default is a msgid (gettext_noop keeps it a plain string): shown translated until an editor changes it.
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        default=gettext_noop("Every organisation in the directory and the services it runs."),
    )

    objects = PublishedManager()

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.OrganisationPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = OrganisationPage.objects.child_of(self).published().order_by("title")
        context["organisation_groups"] = page_context.organisations_a_to_z(
            context["organisations"], ServicePage.objects.published()
        )
        return context


class OrganisationPage(Page):
    """A provider: a council team, NHS trust, school, charity or community group."""

    objects = PublishedManager()

    summary = models.TextField(_("what the organisation does"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # Open Referral UK identifiers: stable across export and import, never shown to editors.
    oruk_id = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    trusted = models.BooleanField(
        _("trusted to publish"),
        default=False,
        help_text=_("Trusted providers publish their own changes; others go through moderation."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
    ]
    # Only the directory team decides who may publish without moderation.
    settings_panels = Page.settings_panels + [FieldPanel("trusted", permission="providers.manage_providers")]
    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = ["directory.ServicePage"]
    exclude_fields_in_copy = ["oruk_id"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = ServicePage.objects.child_of(self).published().order_by("title")
        return context


class ServicePage(Page):
    """One service: what it is, who it is for, where and how to get it, and when it was last checked."""

    objects = PublishedManager()

    class Cost(models.TextChoices):
        FREE = "free", _("Free")
        LOW_COST = "low_cost", _("Low cost")
        PAID = "paid", _("Paid")

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences shown in search results.")
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    eligibility = models.TextField(_("who can use it"), blank=True)

    self_referral = models.BooleanField(_("families can refer themselves"), default=False)
    drop_in = models.BooleanField(_("drop in, no appointment needed"), default=False)
    professional_referral = models.BooleanField(_("referral by a professional"), default=False)
    appointment = models.BooleanField(_("by appointment"), default=False)
    how_to_access = models.TextField(_("how to get this help"), blank=True)
    accepts_requests = models.BooleanField(
        _("families can ask to be contacted through the directory"),
        default=False,
        help_text=_("Your organisation's inbox in the admin receives the requests; check it every working day."),
    )
    professional_referrals_only = models.BooleanField(
        _("take requests only as referrals from professionals"), default=False
    )

    cost = models.CharField(_("cost"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    cost_detail = models.CharField(_("cost details"), max_length=200, blank=True)

    in_person = models.BooleanField(_("in person"), default=True)
    home_visits = models.BooleanField(_("home visits"), default=False)
    online = models.BooleanField(_("online"), default=False)
    by_phone = models.BooleanField(_("by phone"), default=False)

    languages = models.CharField(
        _("languages"), max_length=200, default="English", help_text=_("Separate languages with commas.")
    )
    interpreters = models.BooleanField(_("interpreters can be arranged"), default=False)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_(
            "Tick step-free access, hearing loops and the rest under each location above: families filter on the "
            "ticks. Write here only what the ticks cannot say."
        ),
    )
    opening_times_note = models.TextField(_("opening times, in words"), blank=True)

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    min_age = models.PositiveSmallIntegerField(
        _("youngest age (years)"), null=True, blank=True, validators=[MaxValueValidator(OLDEST_SERVICE_AGE)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("oldest age (years)"), null=True, blank=True, validators=[MaxValueValidator(OLDEST_SERVICE_AGE)]
    )
    start_date = models.DateField(_("runs from"), null=True, blank=True)
    end_date = models.DateField(_("runs until"), null=True, blank=True)

    oruk_id = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    last_reviewed = models.DateField(_("last checked"), default=datetime.date.today)
    review_interval_months = models.PositiveSmallIntegerField(_("check every (months)"), default=6)

    districts_served = ParentalManyToManyField(
        DistrictTag,
        blank=True,
        related_name="services_serving",
        verbose_name=_("districts served without a building there"),
        help_text=_("For outreach, home visits, phone or online help."),
    )
    outcomes = ClusterTaggableManager(through=ServiceOutcome, blank=True, verbose_name=_("outcomes"))
    need_levels = ClusterTaggableManager(through=ServiceNeedLevel, blank=True, verbose_name=_("need levels"))
    age_bands = ClusterTaggableManager(through=ServiceAgeBand, blank=True, verbose_name=_("age bands"))
    districts = ClusterTaggableManager(through=ServiceDistrict, blank=True, verbose_name=_("districts"))
    topics = ClusterTaggableManager(through=ServiceTopic, blank=True, verbose_name=_("topics"))

    # The SEND Local Offer (directory/local_offer.py): a service that names the needs it supports is in it.
    send_needs = ParentalManyToManyField(
        SendNeed,
        blank=True,
        related_name="services",
        verbose_name=_("special educational needs it supports"),
        help_text=_("Choose any: the service is then listed in the Local Offer under each."),
    )
    send_identifying = models.TextField(
        _("how it finds out what a child needs"),
        blank=True,
        help_text=_("How you identify and assess a child's special educational needs."),
    )
    send_adapting = models.TextField(
        _("how it adapts for a child"), blank=True, help_text=_("Changes you make to support a child with SEND.")
    )
    send_contact = models.TextField(
        _("who to talk to about SEND"), blank=True, help_text=_("A role, phone or email, not a person's own details.")
    )
    send_complaints = models.TextField(_("how to make a complaint"), blank=True)
    family_hub = models.BooleanField(_("part of a Family Hub"), default=False)
    start_for_life = models.BooleanField(_("part of Start for Life"), default=False)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("age_bands"),
                FieldPanel("need_levels"),
                FieldPanel("outcomes"),
                FieldPanel("topics"),
            ],
            heading=_("Who and what it is for"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("self_referral"),
                FieldPanel("drop_in"),
                FieldPanel("professional_referral"),
                FieldPanel("appointment"),
                FieldPanel("how_to_access"),
                FieldPanel("accepts_requests"),
                FieldPanel("professional_referrals_only"),
            ],
            heading=_("How to get it"),
        ),
        MultiFieldPanel(
            [FieldPanel("cost"), FieldPanel("cost_detail")],
            heading=_("Cost"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("in_person"),
                FieldPanel("home_visits"),
                FieldPanel("online"),
                FieldPanel("by_phone"),
                FieldPanel("districts_served"),
            ],
            heading=_("How it is delivered"),
        ),
        InlinePanel("locations", heading=_("Locations"), label=_("Location")),
        MultiFieldPanel(
            [InlinePanel("schedules", label=_("Schedule")), FieldPanel("opening_times_note")],
            heading=_("Opening times, sessions and closures"),
        ),
        MultiFieldPanel(
            [FieldPanel("languages"), FieldPanel("interpreters"), FieldPanel("accessibility")],
            heading=_("Languages and accessibility"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("send_needs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("send_identifying"),
                FieldPanel("send_adapting"),
                FieldPanel("send_contact"),
                FieldPanel("send_complaints"),
            ],
            heading=_("SEND Local Offer"),
        ),
        MultiFieldPanel(
            [FieldPanel("family_hub"), FieldPanel("start_for_life")],
            heading=_("Family Hub and Start for Life"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")])],
            heading=_("Dates, for programmes that run for a time"),
        ),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("review_interval_months")],
            heading=_("Keeping this listing true"),
        ),
    ]

    base_form_class = ServicePageForm
    parent_page_types = ["directory.OrganisationPage"]
    # Its words in other languages (directory/translations.py); nothing else lives under a service.
    subpage_types = ["directory.ServiceTranslationPage"]
    exclude_fields_in_copy = ["oruk_id"]

    class Meta:
        verbose_name = _("service")

    def clean(self):
        super().clean()
        errors = {}
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            errors["max_age"] = _("The oldest age must be the same as or more than the youngest age.")
        if self.start_date and self.end_date and self.start_date > self.end_date:
            errors["end_date"] = _("The end date must be on or after the start date.")
        if not (self.in_person or self.home_visits or self.online or self.by_phone):
            errors["in_person"] = _("Choose at least one way the service is delivered.")
        if errors:
            raise ValidationError(errors)

    def keep_given_order(self):
        """Sites and schedules given in code or by an import carry no sort_order, and PostgreSQL returns NULLs
        in no fixed order: the editor's order (the first site a family is shown) is the order they came in."""
        for children in (self.locations.all(), self.schedules.all()):
            for position, child in enumerate(children):
                if child.sort_order is None:
                    child.sort_order = position

    # Districts are derived: where its buildings are, plus where it reaches out to.
    # Both save paths need it: save() for new pages and imports, save_revision() for admin edits.
    def refresh_districts(self):
        self.keep_given_order()
        for location in self.locations.all():
            location.geocode_if_needed()
        codes = {location.district.code for location in self.locations.all() if location.district_id}
        codes.update(district.code for district in self.districts_served.all())
        self.districts.set(list(DistrictTag.objects.filter(code__in=codes)))

    def save(self, *args, **kwargs):
        self.refresh_districts()
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.refresh_districts()
        return super().save_revision(*args, **kwargs)

    @property
    def organisation(self):
        return self.get_parent().specific

    @property
    def language_list(self):
        return [name.strip() for name in self.languages.split(",") if name.strip()]

    @property
    def review_due(self):
        return self.last_reviewed + relativedelta(months=self.review_interval_months)

    @property
    def is_stale(self):
        return self.last_reviewed + STALE_AFTER < timezone.localdate()

    @property
    def is_outreach_only(self):
        return not self.in_person

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = with_features(self.locations.select_related("district"))
        schedules = list(self.schedules.select_related("term_dates").prefetch_related("term_dates__terms"))
        context["opening_times"] = schedule_rules.weekly_openings(self)
        context["site_sessions"] = schedule_rules.by_site(schedules, context["locations"])
        context["send_needs"] = list(self.send_needs.all())
        if context["send_needs"]:
            context["local_offer_page"] = LocalOfferIndexPage.objects.live().public().first()
        context["marks"] = marks_of(self)
        context["organisation"] = self.get_parent().specific
        context["terms"] = page_context.service_vocabularies(self)
        context.update(translations.service_words(self, translations.live_translation(self, get_language())))
        # Imported here: the claims app builds on these models.
        from directory.claims.flow import is_claimable

        context["claimable"] = is_claimable(context["organisation"])
        return context


class Location(Orderable, ClusterableModel):
    """A place where the service happens; its coordinates and district come from its postcode."""

    service = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name of the place"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, editable=False)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, editable=False)
    district = models.ForeignKey(
        DistrictTag, null=True, blank=True, on_delete=models.SET_NULL, related_name="locations", editable=False
    )
    # The LAD code of the postcode, kept even when the district is outside the loaded area.
    lad_code = models.CharField(_("ONS district code"), max_length=9, blank=True, editable=False)
    oruk_id = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    # The normalised postcode the coordinates were computed from: re-geocode only on change.
    geocoded_postcode = models.CharField(max_length=10, blank=True, editable=False)
    # Each site's own way in: a service's sites often have their own phone, email and door (issue 13).
    phone = models.CharField(_("phone at this place"), max_length=40, blank=True)
    email = models.EmailField(_("email at this place"), blank=True)
    how_to_find = models.TextField(
        _("how to find it"),
        blank=True,
        help_text=_("For example: the side door on Park Road, second floor, ring the bell marked Family Hub."),
    )
    # A refuge or safe house: its address, postcode and point are never shown or exported (directory/sites.py).
    confidential = models.BooleanField(
        _("the address is confidential"),
        default=False,
        help_text=_(
            "For refuges and safe houses. The address, postcode and map pin are never shown or shared; families "
            'see only the district ("in the Worthing area"). Do not put the address in the name.'
        ),
    )

    # Site by site (issue 13 item 4); the service's own `accessibility` text stays as notes.
    access_features = ParentalManyToManyField(
        AccessibilityFeature, blank=True, related_name="locations", verbose_name=_("accessibility at this place")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("town"),
        FieldPanel("postcode"),
        FieldPanel("confidential"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("how_to_find"),
        FieldPanel("access_features", widget=forms.CheckboxSelectMultiple),
    ]

    def __str__(self):
        # Choosers, logs and revision comparisons show this: a confidential site is named without its postcode.
        return f"{self.name} (confidential)" if self.confidential else f"{self.name}, {self.postcode}"

    def clean(self):
        super().clean()
        try:
            self.geocode()
        except geo.GeocodingError as error:
            raise ValidationError({"postcode": str(error)}) from error

    def geocode(self):
        self.set_place(geo.lookup_postcode(self.postcode))

    def set_place(self, place):
        """Take a looked-up place's postcode, point and district (the CSV import has looked each postcode up once)."""
        self.postcode = place.postcode
        self.latitude, self.longitude = place.latitude, place.longitude
        self.lad_code = place.lad_code or ""
        self.district = DistrictTag.objects.filter(code=self.lad_code).first() if self.lad_code else None
        self.geocoded_postcode = geo.normalise_postcode(place.postcode)

    def geocode_if_needed(self):
        if self.latitude is None or self.geocoded_postcode != geo.normalise_postcode(self.postcode):
            self.geocode()

    @property
    def directions_url(self):
        """Directions to the door; none for a confidential site."""
        if self.confidential or self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/directions?to={self.latitude}%2C{self.longitude}"

    @property
    def area_name(self):
        """The district a confidential site is shown by ("in the Worthing area")."""
        return sites.area_name(self)


# Last: the translation page builds on ServicePage (and registers its model with Django here).
from directory import translations  # noqa: E402

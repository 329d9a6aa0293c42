"""Place aliases: the short names families type ("Bognor") for places the gazetteer knows ("Bognor Regis")."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.geodata import name_key


def site_area():
    return settings.EARLYHELP_AREA


class PlaceAlias(models.Model):
    """One alias in one area: "Walton" means Walton-on-the-Naze in Essex, not the Walton in Liverpool."""

    alias = models.CharField(_("what people type"), max_length=100)
    place = models.CharField(
        _("the place it means"),
        max_length=100,
        help_text=_(
            "The town or village as the gazetteer names it, or a postcode at its centre for a village the "
            "gazetteer lacks."
        ),
    )
    area = models.CharField(
        _("area"), max_length=40, default=site_area, help_text=_("The area profile it belongs to, like west-sussex.")
    )
    # The alias folded as the gazetteer folds names, so "St. Annes" and "saint annes" both find it.
    alias_key = models.CharField(max_length=100, editable=False)

    class Meta:
        verbose_name = _("place alias")
        verbose_name_plural = _("place aliases")
        ordering = ["area", "alias"]
        constraints = [models.UniqueConstraint(fields=["area", "alias_key"], name="one_meaning_per_alias_per_area")]

    def __str__(self):
        return f"{self.alias} → {self.place}"

    def clean(self):
        """Polite errors for the admin: an alias already taken, an unknown area, a place the gazetteer lacks."""
        from directory import geo
        from directory.area_profiles import available_areas

        super().clean()
        errors = {}
        self.alias_key = name_key(self.alias)
        taken = PlaceAlias.objects.filter(area=self.area, alias_key=self.alias_key).exclude(pk=self.pk).first()
        if taken is not None:
            errors["alias"] = _("“%(alias)s” already means %(place)s in this area.") % {
                "alias": taken.alias,
                "place": taken.place,
            }
        if self.area not in available_areas():
            errors["area"] = _("Use one of the area profiles: %(areas)s.") % {"areas": ", ".join(available_areas())}
        try:
            geocoder = geo.default_geocoder()
            if geo.POSTCODE_RE.match(self.place):
                geocoder.lookup_postcode(self.place)
            else:
                geocoder.lookup_town(self.place)
        except geo.GeocodingError as error:
            errors["place"] = str(error)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.alias_key = name_key(self.alias)
        return super().save(*args, **kwargs)


def place_meant(name):
    """The place `name` is an alias for in the site's area, or None."""
    return PlaceAlias.objects.filter(area=site_area(), alias_key=name_key(name)).values_list("place", flat=True).first()


def seed_aliases(area, aliases):
    """Create or update an area profile's aliases ([{"alias": ..., "place": ...}]); returns how many changed."""
    changed = 0
    for row in aliases:
        values = {"alias": row["alias"], "place": row["place"]}
        alias = PlaceAlias.objects.filter(area=area, alias_key=name_key(row["alias"])).first()
        if alias is None:
            PlaceAlias.objects.create(area=area, **values)
            changed += 1
        elif (alias.alias, alias.place) != (row["alias"], row["place"]):
            alias.alias, alias.place = row["alias"], row["place"]
            alias.save()
            changed += 1
    return changed


def area_aliases():
    """Every alias of the site's area, {alias: place}, to correct a misspelt alias as a misspelt name."""
    return dict(PlaceAlias.objects.filter(area=site_area()).values_list("alias", "place"))

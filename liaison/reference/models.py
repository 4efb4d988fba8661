"""Reference tables shared by every app: themes, SDGs, Malaysia's states, exchange rates to ringgit."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .currencies import iso_4217


def reads_malay() -> bool:
    """The active language is Malay: reference data then shows its Malay name where one is stored."""
    return (get_language() or "").startswith("ms")


def localised(name: str, name_ms: str) -> str:
    """The one rule for every bilingual name (themes, SDGs, states, organisations): Malay for Malay readers."""
    return name_ms if name_ms and reads_malay() else name


def localised_name(prefix: str = "", field: str = "name"):
    """`localised` as a database expression, for values() and ordering: `localised_name("theme__")`."""
    if not reads_malay():
        return models.F(f"{prefix}{field}")
    return Coalesce(NullIf(models.F(f"{prefix}{field}_ms"), models.Value("")), models.F(f"{prefix}{field}"))


class Theme(models.Model):
    """A capacity-development area of the office (gender budgeting, climate, DRR…)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_ms = models.CharField(_("name in Bahasa Malaysia"), max_length=120, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return localised(self.name, self.name_ms)


class SDG(models.Model):
    """One of the 17 Sustainable Development Goals, with its UN colour."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=80)
    title_ms = models.CharField(_("title in Bahasa Malaysia"), max_length=80, blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as #RRGGBB."))],
        help_text=_("UN colour, as #RRGGBB"),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("SDG")
        verbose_name_plural = _("SDGs")

    def __str__(self):
        return f"SDG {self.number}: {self.label}"

    @property
    def label(self) -> str:
        """The goal's short title in the reader's language."""
        return localised(self.title, self.title_ms)

    @property
    def short_label(self):
        return f"SDG {self.number}"

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on the goal's colour (one of them always meets WCAG AA)."""
        on_white, on_black = contrast_ratio(self.colour, "#FFFFFF"), contrast_ratio(self.colour, "#000000")
        return "#FFFFFF" if on_white >= on_black else "#000000"

    @property
    def badge_style(self) -> str:
        return f"background-color: {self.colour}; color: {self.text_colour};"


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #RRGGBB colour."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    red, green, blue = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class State(models.Model):
    """A Malaysian state or federal territory (ISO 3166-2:MY)."""

    class Kind(models.TextChoices):
        STATE = "state", _("State")
        FEDERAL_TERRITORY = "federal_territory", _("Federal territory")

    iso_code = models.CharField(_("ISO code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=60, unique=True)
    name_ms = models.CharField(_("name in Bahasa Malaysia"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    abbreviation = models.CharField(_("abbreviation"), max_length=3)
    capital = models.CharField(_("capital or administrative centre"), max_length=60, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return localised(self.name, self.name_ms)


class ExchangeRateQuerySet(models.QuerySet):
    def latest_rates(self, on=None):
        """{currency: ExchangeRate} with, for each currency, the rate valid on `on` (default: today)."""
        on = on or timezone.localdate()
        rates = {}
        for rate in self.filter(valid_from__lte=on).order_by("currency", "-valid_from"):
            rates.setdefault(rate.currency, rate)
        return rates


class ExchangeRate(models.Model):
    """How many ringgit one unit of a currency is worth, from a date on; kept by administrators."""

    currency = models.CharField(
        _("currency"),
        max_length=3,
        validators=[iso_4217],
    )
    rate_to_myr = models.DecimalField(_("rate to MYR"), max_digits=18, decimal_places=6)
    valid_from = models.DateField(_("valid from"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        ordering = ["currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_from"], name="one_rate_per_currency_and_day"),
            models.CheckConstraint(condition=models.Q(rate_to_myr__gt=0), name="rate_is_positive"),
        ]

    def __str__(self):
        return f"1 {self.currency} = {self.rate_to_myr} MYR ({self.valid_from})"

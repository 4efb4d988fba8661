"""Country names in the reader's language: django-countries' own catalogues, and Malay from the CLDR (Babel).

django-countries ships no Malay catalogue; `COUNTRIES_OVERRIDE = localised_country_names()` (settings) gives each
country a lazy name that reads Babel's CLDR Malay name when the active language is Malay, and django-countries'
translated name otherwise. Forms, lists, filters and exports all go through django-countries, so all follow.
"""

from functools import cache

from babel import Locale
from django.utils.functional import lazy
from django.utils.translation import get_language
from django_countries.data import COUNTRIES


@cache
def _cldr_names(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def reads_malay() -> bool:
    return (get_language() or "").startswith("ms")


def country_name(code: str, default) -> str:
    """The country's name in the active language: CLDR's Malay name for Malay readers, else `default` translated."""
    if reads_malay():
        name = _cldr_names("ms").get(code)
        if name:
            return name
    return str(default)


def localised_country_names() -> dict:
    return {code: lazy(country_name, str)(code, name) for code, name in COUNTRIES.items()}

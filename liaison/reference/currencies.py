"""ISO 4217: the currencies an amount or an exchange rate may be in."""

from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# In the standard but not money anyone is paid in: precious metals, bond-market units, test and "no currency" codes.
NOT_MONEY = {"XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"}


@cache
def currency_codes() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies) - NOT_MONEY


@deconstructible
class CurrencyCodeValidator:
    """Three capitals that ISO 4217 lists as a currency ("MYR", "USD"); "ABC" and "myr" are refused."""

    message = _("Enter a currency code from ISO 4217 in capitals, e.g. MYR or USD; “%(value)s” is not one.")

    def __call__(self, value):
        if value not in currency_codes():
            raise ValidationError(self.message, code="currency", params={"value": value})

    def __eq__(self, other):
        return isinstance(other, CurrencyCodeValidator)


iso_4217 = CurrencyCodeValidator()

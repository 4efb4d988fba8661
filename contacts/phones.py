"""Phone numbers: typed any usual Malaysian way, stored in E.164, shown readably."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "MY"


def normalise_phone(value: str) -> str:
    """`03-2617 6000`, `012-345 6789` or `+60 3 2617 6000` → `+60326176000`; ValidationError if not a number."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    # "Possible" (the right length for the country) rather than "valid": the library's list of allocated
    # ranges lags behind new numbers, and an officer must be able to save the number a card shows.
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("Enter a valid phone number, e.g. 03-2617 6000, 012-345 6789 or +60 3 2617 6000."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def readable_phone(value: str) -> str:
    """`+60123456789` → `+60 12-345 6789`; anything unparsable is shown as stored."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


class PhoneFormField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)  # as typed, with spaces and dashes; stored shorter
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "tel")

    def prepare_value(self, value):
        return readable_phone(value) if isinstance(value, str) and value.startswith("+") else value

    def to_python(self, value):
        return normalise_phone(super().to_python(value))


class PhoneField(models.CharField):
    """A CharField whose forms (ours and the admin's) normalise the number to E.164."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneFormField, **kwargs})

"""The range of dates Liaison accepts, held at every door: form and filter fields, models, and the database driver.

A date outside 1900-2200 is a typing slip (year 1, year 9999), and such dates break what is computed from them
(Kuala Lumpur's 1901 offset of +06:46 turns 0001-01-01 into 1 BC, which Python cannot hold). So:

- form fields (`SaneDateField`, `SaneDateTimeField`, the ones `record_formfield` and the filters use) refuse them with
  a message, before they reach a query;
- every date and date-time field of the project's models gets `validate_sane_date` (`bound_model_dates`, run once at
  start-up), so the admin, imports and the API refuse them too;
- a date already stored out of range (by SQL, or before these checks) is read as the nearest bound
  (`install_tolerant_date_reads`), so its record can still be listed, opened, corrected and deleted.
"""

from datetime import UTC, date, datetime, time

import psycopg2.extensions
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1900, 1, 1)
LATEST = date(2200, 12, 31)
PROJECT_APPS = ("liaison", "contacts", "partnerships", "funding", "events")


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def is_sane_date(value) -> bool:
    return EARLIEST <= _as_date(value) <= LATEST


def validate_sane_date(value):
    """Refuses a date or date-time outside EARLIEST-LATEST."""
    if value is None:
        return
    try:
        sane = is_sane_date(value)
    except (OverflowError, ValueError):  # too far out to be put in Kuala Lumpur time at all
        sane = False
    if not sane:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": formats.date_format(EARLIEST), "latest": formats.date_format(LATEST)},
        )


class SaneDateField(forms.DateField):
    """A form date field limited to EARLIEST-LATEST; the browser's picker gets the same bounds."""

    default_validators = [validate_sane_date]

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "min": EARLIEST.isoformat(), "max": LATEST.isoformat()}


class SaneDateTimeField(forms.DateTimeField):
    """A form date-time field limited to EARLIEST-LATEST."""

    default_validators = [validate_sane_date]

    def to_python(self, value):
        # Making year 1 or year 9999 aware (in from_current_timezone) can overflow: refuse it before.
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "min": f"{EARLIEST}T00:00", "max": f"{LATEST}T23:59"}


def bound_model_dates():
    """Adds validate_sane_date to every date and date-time field of the project's models.

    Added at start-up rather than in each field's declaration: one place, no migration, and no field forgotten.
    """
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_config.name.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateField) and validate_sane_date not in field.validators:
                field.validators.append(validate_sane_date)  # the field's cached list, read by clean_fields()


# --- reading: a stored date out of range reads as the nearest bound -----------------------------------
_FLOOR = datetime.combine(EARLIEST, time.min)
_CEILING = datetime.combine(LATEST, time.max)


def _clamp(value, floor, ceiling):
    if value is None:
        return None
    comparable = value.replace(tzinfo=None) if isinstance(value, datetime) else value
    bare_floor = floor.replace(tzinfo=None) if isinstance(floor, datetime) else floor
    bare_ceiling = ceiling.replace(tzinfo=None) if isinstance(ceiling, datetime) else ceiling
    if comparable < bare_floor:
        return floor
    if comparable > bare_ceiling:
        return ceiling
    return value


def _tolerant(caster, floor, ceiling):
    def cast(value, cursor):
        if value is None:
            return None
        try:
            parsed = caster(value, cursor)
        except ValueError:  # "year -1 is out of range", "year 10000 is out of range"
            return floor if value.endswith("BC") else ceiling
        return _clamp(parsed, floor, ceiling)

    return cast


def install_tolerant_date_reads():
    """Registers psycopg2 casters for date, timestamp and timestamptz that clamp to EARLIEST-LATEST."""
    ext = psycopg2.extensions
    casters = [
        ((1082,), "LIAISON_DATE", ext.PYDATE, EARLIEST, LATEST),
        ((1114,), "LIAISON_TIMESTAMP", ext.PYDATETIME, _FLOOR, _CEILING),
        ((1184,), "LIAISON_TIMESTAMPTZ", ext.PYDATETIMETZ, _FLOOR.replace(tzinfo=UTC), _CEILING.replace(tzinfo=UTC)),
    ]
    for oids, name, caster, floor, ceiling in casters:
        ext.register_type(ext.new_type(oids, name, _tolerant(caster, floor, ceiling)))

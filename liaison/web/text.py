"""What text input may contain: no control characters anywhere, no line breaks in single-line fields.

`InputControlMiddleware` (middleware.py) strips control characters from every query and form value; the
validators here hold single-line model fields to one line, so a title never carries a line break into an
iCalendar file or a CSV row.
"""

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dates import PROJECT_APPS

# C0 controls and DEL, except tab, line feed and carriage return (which multi-line text keeps).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]")


def strip_controls(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


def validate_single_line(value):
    """Refuses a line break in a field meant to hold one line."""
    if isinstance(value, str) and LINE_BREAKS.search(value):
        raise ValidationError(_("This field must fit on one line: remove the line breaks."), code="line_break")


def bound_single_line_fields():
    """Adds validate_single_line to every CharField of the project's models (TextFields keep their lines)."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_config.name.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and validate_single_line not in field.validators:
                field.validators.append(validate_single_line)  # the field's cached list, read by clean_fields()

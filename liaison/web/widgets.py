"""The widgets every form and filter of the application uses, so that each kind of input looks and works alike."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    """The browser's date picker; values as ISO dates, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date-time picker, read and shown in Kuala Lumpur time (TIME_ZONE)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


class SearchableSelectMultiple(forms.SelectMultiple):
    """A multi-select the user can type into to find options (static/js/liaison.js, Tom Select).

    For short lists that are rendered whole (themes, SDGs); long ones search the server instead
    (AutocompleteSelectMultiple).
    """

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-searchable"] = "true"
        return attrs


def valid_ids(model, values) -> list:
    """The values that can be ids of `model`: a redisplayed form may carry "abc" (the field reports it)."""
    ids = []
    for value in values:
        if value in ("", None):
            continue
        try:
            ids.append(model._meta.pk.to_python(value))
        except ValidationError:
            continue
    return ids


class AutocompleteMixin:
    """Renders only the selected options; static/js/liaison.js asks `url_name` (?q=…) for the rest.

    The view behind `url_name` (see autocomplete.py) answers {"results": [{"id": …, "text": …}]}.
    """

    def __init__(self, url_name, attrs=None, **kwargs):
        self.url_name = url_name
        super().__init__(attrs=attrs, **kwargs)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-autocomplete-url"] = reverse(self.url_name)
        return attrs

    def optgroups(self, name, value, attrs=None):
        queryset = self.choices.queryset
        selected = valid_ids(queryset.model, value)
        label = getattr(self.choices.field, "label_from_instance", str)
        objects = queryset.filter(pk__in=selected) if selected else queryset.none()
        groups = []
        if not self.allow_multiple_selected:
            groups.append((None, [self.create_option(name, "", "", not selected, 0)], 0))
        for index, obj in enumerate(objects, start=len(groups)):
            groups.append((None, [self.create_option(name, obj.pk, label(obj), True, index)], index))
        return groups


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass


class DatalistInput(forms.TextInput):
    """A text input that suggests `options` but accepts anything typed."""

    def __init__(self, options, attrs=None):
        self.options = options
        super().__init__(attrs)

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{name}-options"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join("", '<option value="{}">', ((option,) for option in self.options))
        return format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)


class LongSelect(forms.Select):
    """A select with hundreds of options (countries), built in Python: one template per option costs ~40 ms."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options, blank_seen = [], False
        for key, label in self.choices:
            key = str(key)
            if key == "" and blank_seen:
                # A second blank choice is a separator (django-countries' COUNTRIES_FIRST_BREAK): never chosen.
                options.append(format_html('<option value="" disabled>{}</option>', label))
                continue
            blank_seen = blank_seen or key == ""
            mark = " selected" if key in selected else ""
            options.append(format_html('<option value="{}"{}>{}</option>', key, mark, label))
        attributes = flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
        return format_html("<select{}>{}</select>", attributes, format_html_join("", "{}", ((o,) for o in options)))


class YesNoSelect(forms.Select):
    """A yes/no choice that may be left open: "Any", "Yes", "No" (for filters)."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])

"""Select widgets that search the server as the user types, instead of listing every row."""

from django import forms
from django.urls import reverse


class AutocompleteMixin:
    """Renders only the selected options; static/js/liaison.js asks `url_name` (?q=…) for the rest.

    The view behind `url_name` answers {"results": [{"id": …, "text": …}]}.
    """

    def __init__(self, url_name, attrs=None, **kwargs):
        self.url_name = url_name
        super().__init__(attrs=attrs, **kwargs)

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-autocomplete-url"] = reverse(self.url_name)
        return attrs

    def optgroups(self, name, value, attrs=None):
        selected = [v for v in value if v not in ("", None)]
        queryset = self.choices.queryset
        objects = queryset.filter(pk__in=selected) if selected else queryset.none()
        groups = []
        if not self.allow_multiple_selected:
            groups.append((None, [self.create_option(name, "", "", not selected, 0)], 0))
        for index, obj in enumerate(objects, start=len(groups)):
            groups.append((None, [self.create_option(name, obj.pk, str(obj), True, index)], index))
        return groups


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass

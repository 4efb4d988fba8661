"""The merge's forms: which record to merge with, and which value survives for each differing field."""

from django import forms
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from liaison.web.forms import user_label
from liaison.web.widgets import AutocompleteSelect

from ..models import Organisation, Person
from ..phones import PhoneField, readable_phone
from .services import KEEP, OTHER, default_choices, differing_fields


def shown(record, field) -> str:
    """The field's value as the pages show it."""
    value = getattr(record, field.name)
    if value is None or value == "":
        return "—"
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if field.flatchoices:
        return str(getattr(record, f"get_{field.name}_display")())
    if isinstance(field, PhoneField):
        return readable_phone(value)
    if isinstance(field, models.ForeignKey):
        return user_label(value) if field.related_model._meta.label_lower == "auth.user" else str(value)
    if isinstance(field, models.DateField):
        return date_format(value)
    return str(value)


class MergeForm(forms.Form):
    """A radio per field whose values differ; the survivor's value is proposed unless it is empty."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("Kept in the history, e.g. “entered twice”, “imported from two files”."),
    )

    def __init__(self, *args, keep, other, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep, self.other = keep, other
        initial = default_choices(keep, other)
        self.rows = []
        for field in differing_fields(keep, other):
            name = f"field_{field.name}"
            self.fields[name] = forms.ChoiceField(
                label=field.verbose_name,
                choices=[(KEEP, shown(keep, field)), (OTHER, shown(other, field))],
                initial=initial[field.name],
                widget=forms.RadioSelect,
            )
            self.rows.append((field, name))
        self.order_fields([name for _field, name in self.rows] + ["reason"])

    def choice_rows(self):
        """(label, bound field, the survivor's value, the other's value) for the template."""
        return [
            (field.verbose_name, self[name], shown(self.keep, field), shown(self.other, field))
            for field, name in self.rows
        ]

    def choices(self) -> dict:
        return {field.name: self.cleaned_data[name] for field, name in self.rows}


class PersonMergeStartForm(forms.Form):
    other = forms.ModelChoiceField(
        label=_("The other record"),
        queryset=Person.objects.not_erased(),
        widget=AutocompleteSelect("contacts:person_autocomplete"),
        help_text=_("The person entered twice. You choose, field by field, what the merged record keeps."),
    )


class OrganisationMergeStartForm(forms.Form):
    other = forms.ModelChoiceField(
        label=_("The other record"),
        queryset=Organisation.objects.all(),
        widget=AutocompleteSelect("contacts:organisation_autocomplete"),
        help_text=_("The organisation entered twice. You choose, field by field, what the merged record keeps."),
    )

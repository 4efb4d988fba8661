"""What every record form shares: the right widget for each kind of field, and owners chosen among staff."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from .dates import SaneDateField, SaneDateTimeField
from .roles import ADMINISTRATOR, OFFICER
from .widgets import DateInput, DateTimeInput, SearchableSelectMultiple


def staff_users():
    """Users who can own records: officers and administrators, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[OFFICER, ADMINISTRATOR])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_label(user) -> str:
    """A user as the interface names them everywhere: full name, else username."""
    return user.get_full_name() or user.get_username()


def owner_choices(current_owner_id=None):
    """Officers and administrators, plus the record's present owner if they have left those roles.

    Without the present owner, saving a record whose owner was deactivated would clear its owner.
    """
    staff = staff_users().values("pk")
    return (
        get_user_model()
        .objects.filter(Q(pk__in=staff) | Q(pk=current_owner_id))
        .order_by("first_name", "last_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user_label(user)


def record_formfield(db_field, **kwargs):
    """The form field of a model field, with the application's widget for its kind.

    Dates and date-times get the browser's pickers and accept only 1900-2200 (dates.py); many-to-many
    fields to short lists (themes, SDGs…) the searchable multi-select. A form's own `Meta.widgets` still wins.
    """
    if isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", SaneDateTimeField)
    elif isinstance(db_field, models.DateField):
        kwargs.setdefault("form_class", SaneDateField)
    if "widget" not in kwargs:
        if isinstance(db_field, models.DateTimeField):
            kwargs["widget"] = DateTimeInput
        elif isinstance(db_field, models.DateField):
            kwargs["widget"] = DateInput
        elif isinstance(db_field, models.ManyToManyField):
            kwargs["widget"] = SearchableSelectMultiple
    return db_field.formfield(**kwargs)


class RecordFormMetaclass(forms.models.ModelFormMetaclass):
    """Every RecordForm's Meta uses record_formfield, even a Meta that does not inherit RecordForm's."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(record_formfield)
        return super().__new__(mcs, name, bases, attrs)


class RecordForm(forms.ModelForm, metaclass=RecordFormMetaclass):
    """The base of every business record's form: consistent widgets; owners among staff, the present one kept."""

    owner_fields = ("owner",)  # user fields limited to staff (a form may name more, e.g. a mission's traveller)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.owner_fields:
            field = self.fields.get(name)
            if field is not None:
                field.queryset = owner_choices(getattr(self.instance, f"{name}_id", None))
                field.label_from_instance = user_label

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.web.widgets import DateInput

from .models import ApiToken

DEFAULT_DAYS = 90
MAX_DAYS = 366


def default_expiry():
    return timezone.localdate() + timedelta(days=DEFAULT_DAYS)


class TokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "read_only", "expires_on"]
        widgets = {"expires_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].required = True
        self.fields["expires_on"].initial = default_expiry
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "form-check-input" if name == "read_only" else "form-control"

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("A token cannot expire in the past."))
        if day > today + timedelta(days=MAX_DAYS):
            raise forms.ValidationError(_("A token may last a year at most."))
        return day

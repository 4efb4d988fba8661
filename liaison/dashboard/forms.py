"""The dashboard's filters: a period, a theme, a state, and those the sources offer (the events' programme)."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.reference.models import State, Theme
from liaison.web.dates import SaneDateField
from liaison.web.widgets import DateInput

from .registry import Scope, registry

MAX_PERIOD_DAYS = 366 * 10


class DashboardFilterForm(forms.Form):
    QUARTER, HALF, YEAR, CUSTOM = "quarter", "half", "year", "custom"

    period = forms.ChoiceField(
        label=_("Period"),
        # This year is the default: listed first and initial, so the select shows what the figures cover.
        choices=[
            (YEAR, _("This year")),
            (HALF, _("This half-year")),
            (QUARTER, _("This quarter")),
            (CUSTOM, _("Custom dates")),
        ],
        initial=YEAR,
        required=False,
    )
    start = SaneDateField(label=_("From"), required=False, widget=DateInput)
    end = SaneDateField(label=_("Until"), required=False, widget=DateInput)
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False)
    state = forms.ModelChoiceField(label=_("State"), queryset=State.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_names = []
        for source in registry.entries():
            for name, field in source.dashboard_filters().items():
                self.fields[name] = field
                self.option_names.append(name)
        for widget in (f.widget for f in self.fields.values()):
            widget.attrs["class"] = "form-select" if isinstance(widget, forms.Select) else "form-control"

    def clean(self):
        data = super().clean()
        if data.get("period") != self.CUSTOM:
            return data
        start, end = data.get("start"), data.get("end")
        if not (start and end):
            if "start" not in self.errors and "end" not in self.errors:
                raise forms.ValidationError(_("A custom period needs both a start date and an end date."))
        elif end < start:
            raise forms.ValidationError(_("The period ends before it starts: the end date must be after the start."))
        elif (end - start).days > MAX_PERIOD_DAYS:
            raise forms.ValidationError(_("Choose a period of at most ten years."))
        return data

    def scope(self, user, today: date | None = None) -> Scope:
        """The scope the valid input asks for; this year, unfiltered, when the input is invalid."""
        today = today or timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        start, end = period_dates(data.get("period") or self.YEAR, today, data.get("start"), data.get("end"))
        options = tuple((name, data.get(name)) for name in self.option_names if data.get(name))
        return Scope(start, end, today, user, theme=data.get("theme"), state=data.get("state"), options=options)


def period_dates(period: str, today: date, start: date | None = None, end: date | None = None):
    if period == DashboardFilterForm.CUSTOM:
        return start, end
    if period in (DashboardFilterForm.QUARTER, DashboardFilterForm.HALF):
        months = 3 if period == DashboardFilterForm.QUARTER else 6
        first_month = months * ((today.month - 1) // months) + 1
        first = today.replace(month=first_month, day=1)
        last = (first + timedelta(days=31 * months)).replace(day=1) - timedelta(days=1)
        return first, last
    return today.replace(month=1, day=1), today.replace(month=12, day=31)

from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation, Person
from liaison.web.forms import RecordForm
from liaison.web.widgets import AutocompleteSelectMultiple

from .models import Event, Mission, Participation, Programme
from .services import people_match_emails


class EventForm(RecordForm):
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "level",
            "status",
            "start",
            "end",
            "venue",
            "city",
            "country",
            "online_link",
            "at_training_hub",
            "organisers",
            "office_role",
            "programme",
            "themes",
            "sdgs",
            "description",
            "outcomes",
            "report_due",
            "published",
            "owner",
        ]
        widgets = {
            "organisers": AutocompleteSelectMultiple("contacts:organisation_autocomplete"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"start": _("Kuala Lumpur time."), "end": _("Kuala Lumpur time.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisers"].queryset = Organisation.objects.all()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The event cannot end before it starts."))
        return cleaned


class ProgrammeForm(RecordForm):
    class Meta:
        model = Programme
        fields = [
            "title",
            "start_date",
            "end_date",
            "objectives",
            "target_people_trained",
            "target_local_governments",
            "themes",
            "owner",
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The programme cannot end before it starts."))
        return cleaned


class MissionForm(RecordForm):
    owner_fields = ("traveller",)

    class Meta:
        model = Mission
        fields = [
            "traveller",
            "destination",
            "country",
            "start_date",
            "end_date",
            "purpose",
            "events",
            "approval",
            "report_due",
            "report_done",
            "notes",
        ]
        widgets = {
            "events": AutocompleteSelectMultiple("events:event_autocomplete"),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The return cannot be before the departure."))
        return cleaned


class ParticipantsAddForm(forms.Form):
    """Several people at once: picked by name, or pasted as a list of e-mail addresses."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple("contacts:person_autocomplete"),
    )
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Paste addresses separated by commas, semicolons or new lines, e.g. from Outlook or Excel."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Participation.Role.choices, initial=Participation.Role.PARTICIPANT
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Participation.Status.choices, initial=Participation.Status.INVITED
    )

    def clean(self):
        cleaned = super().clean()
        people = list(cleaned.get("people") or [])
        if cleaned.get("emails"):
            match = people_match_emails(text=cleaned["emails"])
            self._report_problems(match)
            people += [person for person in match.people if person not in people]
        if not people and not self.errors:
            raise forms.ValidationError(_("Pick at least one person or paste at least one e-mail address."))
        cleaned["all_people"] = people
        return cleaned

    def _report_problems(self, match):
        if match.unmatched:
            self.add_error(
                "emails",
                _("No person has these addresses: %(list)s. Add them in Contacts first, or remove them.")
                % {"list": ", ".join(match.unmatched)},
            )
        if match.ambiguous:
            self.add_error(
                "emails",
                _("Several people share these addresses; pick them by name instead: %(list)s.")
                % {"list": ", ".join(match.ambiguous)},
            )
        if match.invalid:
            self.add_error(
                "emails", _("These are not e-mail addresses: %(list)s.") % {"list": ", ".join(match.invalid)}
            )


class AttendanceForm(forms.Form):
    """One status field per participation of the event, all saved by one POST."""

    def __init__(self, *args, participations, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for participation in participations:
            name = f"status-{participation.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(participation.person),
                choices=Participation.Status.choices,
                initial=participation.status,
            )
            self.rows.append((participation, name))

    def bound_rows(self):
        return [(participation, self[name]) for participation, name in self.rows]

    def statuses(self) -> dict[int, str]:
        return {participation.pk: self.cleaned_data[name] for participation, name in self.rows}

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contacts.models import Affiliation, Organisation, Person
from liaison.web.dates import SaneDateField
from liaison.web.forms import RecordForm, user_label
from liaison.web.models import SavedView
from liaison.web.saved_views import SavedViewInvalid, saved_view_queryset
from liaison.web.widgets import AutocompleteSelectMultiple

from .models import (
    Event,
    FeedbackQuestion,
    InvitationTemplate,
    Mission,
    MissionReport,
    Participation,
    Programme,
    RegistrationPage,
)
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
            "target_women_share",
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

    def __init__(self, *args, new_person=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_person = new_person  # a new person is created with the participants (PersonQuickForm)

    def clean(self):
        cleaned = super().clean()
        people = list(cleaned.get("people") or [])
        if cleaned.get("emails"):
            match = people_match_emails(text=cleaned["emails"])
            self._report_problems(match)
            people += [person for person in match.people if person not in people]
        if self.new_person and cleaned.get("status") == Participation.Status.INVITED:
            self.add_error(
                "status",
                _(
                    "A new person has not consented to invitations yet: add them with another status "
                    "(e.g. registered), or record their consent in Contacts first."
                ),
            )
        if not people and not self.new_person and not self.errors:
            raise forms.ValidationError(
                _("Pick at least one person, paste at least one e-mail address, or create a new person.")
            )
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


class MissionReportForm(forms.ModelForm):
    """The back-to-office report; each follow-up line names a person (name or e-mail), a date and what to do."""

    class Meta:
        model = MissionReport
        fields = ["purpose", "meetings", "outcomes", "follow_ups"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}

    def clean_follow_ups(self):
        text = self.cleaned_data["follow_ups"]
        problems, parsed = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                parsed.append(parse_follow_up(line))
            except ValidationError as error:
                problems.append(_("Line %(number)s: %(problem)s") % {"number": number, "problem": error.messages[0]})
        if problems:
            raise ValidationError(problems)
        self.parsed_follow_ups = parsed
        return text


def parse_follow_up(line: str):
    """(person, date, action) from "person | YYYY-MM-DD | action"; a clear message otherwise."""
    parts = [part.strip() for part in line.split("|")]
    if len(parts) != 3 or not all(parts):
        raise ValidationError(_("write it as: person | date (YYYY-MM-DD) | what to do."))
    who, when, action = parts
    if len(action) > 255:
        raise ValidationError(_("say what to do in at most 255 characters."))
    day = SaneDateField().clean(when)
    people = list(Person.objects.filter(Q(full_name__iexact=who) | Q(email__iexact=who))[:2])
    if not people:
        raise ValidationError(_("no person is called %(name)s (give their full name or e-mail).") % {"name": who})
    if len(people) > 1:
        raise ValidationError(_("several people are called %(name)s: give their e-mail instead.") % {"name": who})
    return people[0], day, action


# --- online registration -----------------------------------------------------------------


class RegistrationPageForm(RecordForm):
    class Meta:
        model = RegistrationPage
        fields = [
            "is_open",
            "closes_at",
            "capacity",
            "ask_organisation",
            "ask_position",
            "ask_gender",
            "ask_dietary",
        ]
        help_texts = {"closes_at": _("Kuala Lumpur time. Empty: open until you close it.")}


class PublicRegistrationForm(forms.Form):
    """What a registrant fills in on the public page; the officer chooses the optional fields."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *Person.Gender.choices], required=False)
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=255, required=False)
    consent = forms.BooleanField(label=_("I agree to the notice above."))
    # A field people never see (hidden by CSS, skipped by screen readers): only robots fill it in.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    OPTIONAL = {
        "organisation_name": "ask_organisation",
        "position": "ask_position",
        "gender": "ask_gender",
        "dietary_needs": "ask_dietary",
    }

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        for name, flag in self.OPTIONAL.items():
            if not getattr(page, flag):
                del self.fields[name]
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=200,
        help_text=_("Scan the QR code of the confirmation, or type its eight-character code."),
    )


class SavedViewChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, view):
        return _("%(name)s (by %(owner)s)") % {"name": view.name, "owner": user_label(view.owner)}


class InvitationForm(forms.Form):
    """Whom to invite: chosen people, everyone at organisations of a kind and state, a saved view of the people list.

    The ways add up (each person once); `invitations_create` then leaves out who may not be invited.
    """

    PEOPLE_LIST = "contacts:person_list"  # the people list's URL name, as saved views record it

    template = forms.ModelChoiceField(label=_("Template"), queryset=InvitationTemplate.objects.all())
    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple("contacts:person_autocomplete"),
    )
    organisation_kind = forms.ChoiceField(
        label=_("Or everyone at organisations of this kind"),
        choices=[("", "—"), *Organisation.Kind.choices],
        required=False,
    )
    state = forms.ChoiceField(label=_("in this state"), choices=[], required=False)
    saved_view = SavedViewChoiceField(
        label=_("Or everyone in a saved view of the people list"),
        queryset=SavedView.objects.none(),
        required=False,
        empty_label="—",
        error_messages={
            "invalid_choice": _("Choose one of your saved views of the people list, or one a colleague shared."),
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from liaison.reference.models import State

        self.user = user
        self.fields["state"].choices = [("", "—"), *((s.pk, str(s)) for s in State.objects.all())]
        self.fields["saved_view"].queryset = (
            SavedView.objects.filter(Q(owner=user) | Q(shared=True), list_name=self.PEOPLE_LIST)
            .select_related("owner")
            .order_by("name", "pk")
        )
        self.saved_view_people = Person.objects.none()

    def clean_saved_view(self):
        view = self.cleaned_data.get("saved_view")
        if view is not None:
            try:
                self.saved_view_people = saved_view_queryset(view, self.user)
            except SavedViewInvalid as error:
                raise ValidationError(str(error)) from error
            except PermissionDenied as error:
                raise ValidationError(self.fields["saved_view"].error_messages["invalid_choice"]) from error
        return view

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        chosen = ("people", "organisation_kind", "state", "saved_view")
        if not any(cleaned.get(name) for name in chosen):
            raise forms.ValidationError(_("Choose people, an organisation kind or state, or a saved view."))
        return cleaned

    def chosen_people(self):
        """Everyone chosen, each once, in the order of the ways of choosing (the saved view in its list's order)."""
        people = {person.pk: person for person in self.cleaned_data["people"]}
        kind, state = self.cleaned_data.get("organisation_kind"), self.cleaned_data.get("state")
        if kind or state:
            posts = Affiliation.objects.current()
            if kind:
                posts = posts.filter(organisation__kind=kind)
            if state:
                posts = posts.filter(organisation__state_id=state)
            for person in Person.objects.filter(pk__in=posts.values("person_id")).exclude(pk__in=list(people)):
                people[person.pk] = person
        if self.cleaned_data.get("saved_view") is not None:
            for person in self.saved_view_people.exclude(pk__in=list(people)):
                people[person.pk] = person
        return list(people.values())


class PublicFeedbackForm(forms.Form):
    """The attendee's feedback form, one field per question of the request's form (radio buttons: no JavaScript)."""

    RATINGS = [(str(n), str(n)) for n in range(1, 6)]

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {}
        for question in questions:
            name = f"q{question.pk}"
            self.questions[name] = question
            if question.kind == FeedbackQuestion.Kind.RATING:
                field = forms.ChoiceField(
                    choices=self.RATINGS,
                    widget=forms.RadioSelect,
                    help_text=_("1 is the lowest, 5 the highest."),
                )
            elif question.kind == FeedbackQuestion.Kind.APPLY:
                field = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect)
            else:
                field = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
            field.label = question.text
            field.required = question.required
            self.fields[name] = field

    def answers(self) -> dict:
        """{question: the cleaned value}."""
        return {question: self.cleaned_data.get(name) for name, question in self.questions.items()}

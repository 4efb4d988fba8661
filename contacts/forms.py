from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.privacy.models import Purpose
from liaison.web.dates import SaneDateField
from liaison.web.forms import RecordForm
from liaison.web.widgets import AutocompleteSelect, AutocompleteSelectMultiple, DatalistInput, DateInput, LongSelect

from .honorifics import HONORIFICS, split_honorific
from .models import Affiliation, Consent, Interaction, Organisation, Person

PHONE_HELP = _("As you would dial it, e.g. 03-2617 6000, 012-345 6789 or +60 3 2617 6000.")


class OwnedForm(RecordForm):
    """A contacts record's form, laid out in fieldsets (crispy forms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = self.layout()

    def layout(self):
        return None


def _row(*fields):
    return Div(*[Div(field, css_class="col-md") for field in fields], css_class="row")


class OrganisationForm(OwnedForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_local",
            "acronym",
            "kind",
            "council_type",
            "state",
            "country",
            "city",
            "address",
            "website",
            "email",
            "phone",
            "parent",
            "uclg_member",
            "themes",
            "sdgs",
            "notes",
            "owner",
        ]
        widgets = {
            "parent": AutocompleteSelect("contacts:organisation_autocomplete"),
            "country": LongSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"phone": PHONE_HELP}

    def layout(self):
        return Layout(
            Fieldset(_("Organisation"), _row("name", "acronym"), "name_local", _row("kind", "council_type")),
            Fieldset(_("Where"), _row("country", "state", "city"), "address"),
            Fieldset(_("Contact"), _row("website", "email", "phone")),
            Fieldset(_("Work"), "parent", "uclg_member", _row("themes", "sdgs"), "notes", "owner"),
        )

    def clean(self):
        cleaned = super().clean()
        kind, council_type = cleaned.get("kind"), cleaned.get("council_type")
        if council_type and kind != Organisation.Kind.LOCAL_GOVERNMENT:
            self.add_error("council_type", _("Only a local government has a council type."))
        if cleaned.get("state") and cleaned.get("country") not in ("MY", None):
            self.add_error("state", _("A Malaysian state goes with Malaysia as the country."))
        if self.instance.pk and self.instance in self.ancestors(cleaned.get("parent")):
            self.add_error("parent", _("An organisation cannot be part of itself."))
        return cleaned

    @staticmethod
    def ancestors(organisation, limit=50):
        """The organisation and the ones above it, up to `limit` levels (a cycle stops there)."""
        chain = []
        while organisation is not None and len(chain) < limit:
            chain.append(organisation)
            organisation = organisation.parent
        return chain


class PersonForm(OwnedForm):
    class Meta:
        model = Person
        fields = [
            "honorific",
            "full_name",
            "name_other_script",
            "gender",
            "email",
            "email_other",
            "phone",
            "mobile",
            "languages",
            "preferred_language",
            "country",
            "themes",
            "sdgs",
            "notes",
            "owner",
            "do_not_contact",
            "retention_review_date",
        ]
        widgets = {
            "honorific": DatalistInput(HONORIFICS),
            "country": LongSelect,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"phone": PHONE_HELP, "mobile": PHONE_HELP}

    def layout(self):
        return Layout(
            Fieldset(_("Name"), _row("honorific", "full_name"), _row("name_other_script", "gender")),
            *self.extra_fieldsets(),
            Fieldset(
                _("Contact"),
                _row("email", "email_other"),
                _row("phone", "mobile"),
                _row("languages", "preferred_language", "country"),
            ),
            Fieldset(_("Work"), _row("themes", "sdgs"), "notes", "owner"),
            Fieldset(
                _("Data protection"),
                _row("do_not_contact", "retention_review_date"),
            ),
        )

    def extra_fieldsets(self):
        return []

    def clean(self):
        cleaned = super().clean()
        # "Dato' Dr. Ahmad" typed as the name: the honorific goes to its own field.
        honorific, name = split_honorific(cleaned.get("full_name", ""))
        if honorific:
            cleaned["full_name"] = name
            typed = cleaned.get("honorific", "")
            if typed.lower() != honorific.lower():
                cleaned["honorific"] = f"{typed} {honorific}".strip()
        return cleaned


class PersonCreateForm(PersonForm):
    """A new person, with their present post if it is known."""

    organisation = forms.ModelChoiceField(
        Organisation.objects.all(),
        label=_("Organisation"),
        required=False,
        widget=AutocompleteSelect("contacts:organisation_autocomplete"),
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    department = forms.CharField(label=_("Department"), max_length=200, required=False)

    def extra_fieldsets(self):
        return [Fieldset(_("Present post"), _row("organisation", "position", "department"))]

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("position") or cleaned.get("department")) and not cleaned.get("organisation"):
            self.add_error("organisation", _("Choose the organisation of this post."))
        return cleaned


class AffiliationForm(RecordForm):
    class Meta:
        model = Affiliation
        fields = ["organisation", "position", "department", "start_date", "end_date", "is_current"]
        widgets = {
            "organisation": AutocompleteSelect("contacts:organisation_autocomplete"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A post cannot end before it starts."))
        if end and end < timezone.localdate() and cleaned.get("is_current"):
            self.add_error("is_current", _("A post that has ended is not current: untick it or clear the end date."))
        return cleaned


class AffiliationStartForm(AffiliationForm):
    end_current_posts = forms.BooleanField(
        label=_("This post replaces the person's current posts (they end on its start date)"), required=False
    )

    class Meta(AffiliationForm.Meta):
        fields = ["organisation", "position", "department", "start_date"]


class AffiliationEndForm(forms.Form):
    end_date = SaneDateField(label=_("Ended on"), widget=DateInput, initial=timezone.localdate)

    def __init__(self, *args, affiliation, **kwargs):
        self.affiliation = affiliation
        super().__init__(*args, **kwargs)

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if self.affiliation.start_date and end < self.affiliation.start_date:
            raise forms.ValidationError(_("A post cannot end before it starts."))
        return end


class InteractionForm(RecordForm):
    class Meta:
        model = Interaction
        fields = [
            "occurred_at",
            "kind",
            "subject",
            "notes",
            "people",
            "organisations",
            "follow_up_date",
            "follow_up_done",
            "confidential",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 4}),
            "people": AutocompleteSelectMultiple("contacts:person_autocomplete"),
            "organisations": AutocompleteSelectMultiple("contacts:organisation_autocomplete"),
        }

    def clean(self):
        cleaned = super().clean()
        if "people" in self.fields and not (cleaned.get("people") or cleaned.get("organisations")):
            raise forms.ValidationError(_("Name at least one person or organisation the interaction was with."))
        return cleaned


class InteractionLogForm(InteractionForm):
    """Logged from a person's or organisation's page: who it was with is that page's record."""

    class Meta(InteractionForm.Meta):
        fields = ["occurred_at", "kind", "subject", "notes", "follow_up_date", "confidential"]
        widgets = {**InteractionForm.Meta.widgets, "notes": forms.Textarea(attrs={"rows": 2})}


class InteractionAboutForm(InteractionForm):
    """Logged from another app's record (a partnership, an event…): who it was with is optional."""

    class Meta(InteractionForm.Meta):
        fields = [
            "occurred_at",
            "kind",
            "subject",
            "notes",
            "people",
            "organisations",
            "follow_up_date",
            "confidential",
        ]
        widgets = {**InteractionForm.Meta.widgets, "notes": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        # The record the interaction concerns is enough; no person or organisation is required.
        return forms.ModelForm.clean(self)


class ConsentForm(forms.ModelForm):
    """A person's answer for one purpose, recorded from their page."""

    class Meta:
        model = Consent
        fields = ["purpose", "status", "date", "source"]
        widgets = {"date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].queryset = Purpose.objects.filter(active=True)
        self.fields["purpose"].label_from_instance = lambda purpose: purpose.label
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select form-select-sm" if name in ("purpose", "status") else "form-control form-control-sm"
            )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Consent cannot be dated in the future."))
        return value


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the erasure cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class RetentionForm(forms.Form):
    """What to do with the people ticked on the retention review list."""

    KEEP, ERASE = "keep", "erase"

    people = forms.ModelMultipleChoiceField(
        label=_("People"),
        queryset=Person.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Tick at least one person.")},
    )
    action = forms.ChoiceField(choices=[(KEEP, _("Keep")), (ERASE, _("Erase"))], widget=forms.HiddenInput)
    until = SaneDateField(label=_("Keep until"), required=False, widget=DateInput)
    confirm = forms.BooleanField(label=_("I understand that the erasure cannot be undone."), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.KEEP:
            until = cleaned.get("until")
            if until is None:
                self.add_error("until", _("Give the date of the next review."))
            elif until <= timezone.localdate():
                self.add_error("until", _("The next review must be after today."))
        return cleaned

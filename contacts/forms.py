from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from liaison.records import staff_users
from liaison.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from .honorifics import HONORIFICS, split_honorific
from .models import Affiliation, Interaction, Organisation, Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PHONE_HELP = _("As you would dial it, e.g. 03-2617 6000, 012-345 6789 or +60 3 2617 6000.")


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


def user_label(user):
    return user.get_full_name() or user.get_username()


def owner_choices(current_owner_id=None):
    """Officers and administrators, plus the record's present owner if they have left those roles."""
    return get_user_model().objects.filter(Q(pk__in=staff_users().values("pk")) | Q(pk=current_owner_id))


class OwnedForm(forms.ModelForm):
    """Owner chosen among the people who can own records, never any account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            queryset = owner_choices(self.instance.owner_id).order_by("first_name", "last_name", "username")
            self.fields["owner"].queryset = queryset
            self.fields["owner"].label_from_instance = user_label
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
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
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
            "consent_status",
            "consent_date",
            "consent_source",
            "consent_purpose",
            "do_not_contact",
            "retention_review_date",
        ]
        widgets = {
            "honorific": DatalistInput(HONORIFICS),
            "country": LongSelect,
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "consent_date": DATE,
            "retention_review_date": DATE,
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
                _row("consent_status", "consent_date"),
                _row("consent_source", "consent_purpose"),
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
        consent_date = cleaned.get("consent_date")
        if consent_date and consent_date > timezone.localdate():
            self.add_error("consent_date", _("Consent cannot be dated in the future."))
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


class AffiliationForm(forms.ModelForm):
    class Meta:
        model = Affiliation
        fields = ["organisation", "position", "department", "start_date", "end_date", "is_current"]
        widgets = {
            "organisation": AutocompleteSelect("contacts:organisation_autocomplete"),
            "start_date": DATE,
            "end_date": DATE,
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
    end_date = forms.DateField(label=_("Ended on"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, affiliation, **kwargs):
        self.affiliation = affiliation
        super().__init__(*args, **kwargs)

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if self.affiliation.start_date and end < self.affiliation.start_date:
            raise forms.ValidationError(_("A post cannot end before it starts."))
        return end


class InteractionForm(forms.ModelForm):
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
            # Set by the page it is logged from (?partnership=…), shown on the interaction's page.
            "partnership",
            "funding_opportunity",
            "event",
        ]
        widgets = {
            "partnership": forms.HiddenInput,
            "funding_opportunity": forms.HiddenInput,
            "event": forms.HiddenInput,
            "occurred_at": DATETIME,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "people": AutocompleteSelectMultiple("contacts:person_autocomplete"),
            "organisations": AutocompleteSelectMultiple("contacts:organisation_autocomplete"),
            "follow_up_date": DATE,
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

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.records import staff_users
from liaison.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from .models import (
    Agreement,
    PartnerRole,
    Partnership,
    VoluntaryReview,
    agreement_status_problems,
    stage_problem,
)

ORGANISATION_AUTOCOMPLETE = "contacts:organisation_autocomplete"
PARTNERSHIP_AUTOCOMPLETE = "partnerships:partnership_autocomplete"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OwnerMixin:
    """Owners are chosen among the staff, not among every account."""

    def limit_owner(self):
        if "owner" in self.fields:
            self.fields["owner"].queryset = staff_users()


class PartnershipForm(OwnerMixin, forms.ModelForm):
    # Not a model field of the form: the stage moves through partnership_change_stage, with its history.
    stage = forms.ChoiceField(label=_("Stage"), choices=Partnership.Stage.choices, initial=Partnership.Stage.IDEA)

    class Meta:
        model = Partnership
        fields = [
            "title",
            "kind",
            "objectives",
            "themes",
            "sdgs",
            "next_step",
            "next_step_due",
            "start_date",
            "end_date",
            "owner",
        ]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "sdgs": forms.SelectMultiple(attrs={"size": 6}),
            "next_step_due": DATE,
            "start_date": DATE,
            "end_date": DATE,
        }

    field_order = ["title", "kind", "stage"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_owner()
        if self.instance.pk:
            self.fields["stage"].initial = self.instance.stage

    def clean(self):
        cleaned = super().clean()
        stage = cleaned.get("stage")
        # The current stage is checked by the model's clean(); a new one is checked here.
        problem = stage and stage != self.instance.stage and stage_problem(stage, cleaned.get("end_date"))
        if problem:
            self.add_error("end_date", problem)
        return cleaned


class PartnerRoleForm(forms.ModelForm):
    class Meta:
        model = PartnerRole
        fields = ["organisation", "role", "notes"]
        widgets = {"organisation": AutocompleteSelect(ORGANISATION_AUTOCOMPLETE)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One line per partner: organisation, role, notes, delete.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            Row(
                Column("organisation", css_class="col-md-5"),
                Column("role", css_class="col-md-2"),
                Column("notes", css_class="col-md-4"),
                Column("DELETE", css_class="col-md-1 pt-md-4"),
            )
        )


PartnerRoleFormSet = forms.inlineformset_factory(
    Partnership,
    PartnerRole,
    form=PartnerRoleForm,
    extra=3,
    can_delete=True,
)
PartnerRoleFormSet.legend = _("Partners and their roles")


class AgreementForm(OwnerMixin, forms.ModelForm):
    # The status moves through agreement_change_status, which checks it against the dates.
    status = forms.ChoiceField(label=_("Status"), choices=Agreement.Status.choices, initial=Agreement.Status.DRAFT)

    class Meta:
        model = Agreement
        fields = [
            "title",
            "kind",
            "partnership",
            "parties",
            "reference_number",
            "signed_date",
            "effective_date",
            "expiry_date",
            "renewal_notice_days",
            "document",
            "notes",
            "owner",
        ]
        widgets = {
            "parties": AutocompleteSelectMultiple(ORGANISATION_AUTOCOMPLETE),
            "partnership": AutocompleteSelect(PARTNERSHIP_AUTOCOMPLETE),
            "signed_date": DATE,
            "effective_date": DATE,
            "expiry_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["title", "kind", "status", "partnership", "parties"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_owner()
        if self.instance.pk:
            self.fields["status"].initial = self.instance.status

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        # The dates, and the current status, are checked by the model's clean(); a new status is checked here.
        if status and status != self.instance.status:
            proposed = Agreement(signed_date=cleaned.get("signed_date"), expiry_date=cleaned.get("expiry_date"))
            for field, message in agreement_status_problems(proposed, status).items():
                self.add_error(field, message)
        return cleaned

    def save(self, commit=True):
        upload = self.cleaned_data.get("document")
        if "document" in self.changed_data:
            self.instance.document_name = upload.name if upload else ""
        return super().save(commit)


class VoluntaryReviewForm(OwnerMixin, forms.ModelForm):
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = VoluntaryReview
        fields = [
            "kind",
            "title",
            "government",
            "year",
            "status",
            "sdgs",
            "link",
            "support_given",
            "partnership",
            "notes",
            "owner",
        ]
        widgets = {
            "government": AutocompleteSelect(ORGANISATION_AUTOCOMPLETE),
            "partnership": AutocompleteSelect(PARTNERSHIP_AUTOCOMPLETE),
            "sdgs": forms.CheckboxSelectMultiple,
            "support_given": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_owner()

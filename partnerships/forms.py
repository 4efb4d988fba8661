from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.web.forms import RecordForm
from liaison.web.widgets import AutocompleteSelect, AutocompleteSelectMultiple

from .models import Agreement, PartnerRole, Partnership, VoluntaryReview

ORGANISATION_AUTOCOMPLETE = "contacts:organisation_autocomplete"
PARTNERSHIP_AUTOCOMPLETE = "partnerships:partnership_autocomplete"


class MovedByServiceMixin:
    """`moved_field` is not saved by the form (a service moves it, with its checks and history), but the
    record is validated as it will be once moved, so the user sees every problem on the form."""

    moved_field = ""

    def _post_clean(self):
        current = getattr(self.instance, self.moved_field)
        setattr(self.instance, self.moved_field, self.cleaned_data.get(self.moved_field) or current)
        try:
            super()._post_clean()
        finally:
            setattr(self.instance, self.moved_field, current)


class PartnershipForm(MovedByServiceMixin, RecordForm):
    moved_field = "stage"  # through partnership_change_stage
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
        }

    field_order = ["title", "kind", "stage"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["stage"].initial = self.instance.stage


class PartnerRoleForm(RecordForm):
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


class AgreementForm(MovedByServiceMixin, RecordForm):
    moved_field = "status"  # through agreement_change_status
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
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["title", "kind", "status", "partnership", "parties"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["status"].initial = self.instance.status

    def save(self, commit=True):
        upload = self.cleaned_data.get("document")
        if "document" in self.changed_data:
            self.instance.document_name = upload.name if upload else ""
        return super().save(commit)


class VoluntaryReviewForm(RecordForm):
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
            "support_given": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation
from liaison.web.dates import SaneDateField
from liaison.web.forms import RecordForm
from liaison.web.widgets import AutocompleteSelect, AutocompleteSelectMultiple, DateInput

from .models import FundingOpportunity, Milestone

ORGANISATIONS = "contacts:organisation_autocomplete"


class OpportunityForm(RecordForm):
    """Everything but the status, which changes only through the status form (see services)."""

    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = FundingOpportunity
        fields = [
            "title",
            "funder",
            "kind",
            "link",
            "eligibility",
            "currency",
            "amount_min",
            "amount_max",
            "amount_requested",
            "opening_date",
            "deadline",
            "probability",
            "lead_applicant",
            "co_applicants",
            "partnership",
            "themes",
            "sdgs",
            "owner",
            "notes",
        ]
        widgets = {
            "funder": AutocompleteSelect(ORGANISATIONS),
            "lead_applicant": AutocompleteSelect(ORGANISATIONS),
            "co_applicants": AutocompleteSelectMultiple(ORGANISATIONS),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].required = True
        self.fields["funder"].queryset = Organisation.objects.all()
        self.fields["themes"].queryset = self.fields["themes"].queryset.filter(active=True)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("The call"), "title", Row(Column("funder"), Column("kind")), "link", "eligibility"),
            Fieldset(
                _("Amounts and dates"),
                Row(
                    Column("currency", css_class="col-md-2"),
                    Column("amount_min"),
                    Column("amount_max"),
                    Column("amount_requested"),
                ),
                Row(Column("opening_date"), Column("deadline"), Column("probability", css_class="col-md-3")),
            ),
            Fieldset(
                _("Applicants and links"),
                Row(Column("lead_applicant"), Column("co_applicants")),
                Row(Column("partnership"), Column("owner")),
                Row(Column("themes"), Column("sdgs")),
                "notes",
            ),
        )

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()


class MilestoneForm(RecordForm):
    class Meta:
        model = Milestone
        fields = ["label", "due", "done_on"]


MilestoneFormSet = forms.inlineformset_factory(
    FundingOpportunity, Milestone, form=MilestoneForm, extra=1, can_delete=True
)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=FundingOpportunity.Status.choices)
    amount_awarded = forms.DecimalField(
        label=_("Amount awarded"), max_digits=16, decimal_places=2, min_value=0, required=False
    )
    decision_date = SaneDateField(label=_("Decision date"), required=False, widget=DateInput)

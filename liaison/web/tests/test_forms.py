"""The form toolkit every app uses: widgets by kind of field, and owners kept when they leave."""

import pytest
from django import forms as django_forms
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory
from events.tests.factories import EventFactory
from funding.tests.factories import FundingOpportunityFactory
from liaison.web import widgets
from liaison.web.forms import RecordForm
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def _deactivated_owner(officer, other_officer):
    other_officer.is_active = False
    other_officer.save()
    return other_officer


def test_editing_a_partnership_keeps_an_owner_who_was_deactivated(officer_client, officer, other_officer):
    partnership = PartnershipFactory(owner=_deactivated_owner(officer, other_officer), title="KLRTC")
    form = officer_client.get(reverse("partnerships:partnership_update", args=[partnership.pk])).context["form"]
    assert form.initial["owner"] == other_officer.pk
    assert other_officer in form.fields["owner"].queryset
    data = {k: v for k, v in form.initial.items() if v is not None and k not in ("themes", "sdgs")}
    data.update({"stage": partnership.stage, "partners-TOTAL_FORMS": 0, "partners-INITIAL_FORMS": 0})
    response = officer_client.post(reverse("partnerships:partnership_update", args=[partnership.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    partnership.refresh_from_db()
    assert partnership.owner == other_officer


def test_editing_an_event_keeps_an_owner_who_was_deactivated(officer, other_officer):
    from events.forms import EventForm

    event = EventFactory(owner=_deactivated_owner(officer, other_officer))
    assert other_officer in EventForm(instance=event).fields["owner"].queryset
    assert other_officer not in EventForm().fields["owner"].queryset  # a new record may not pick them


def test_editing_an_opportunity_keeps_an_owner_who_was_deactivated(officer, other_officer):
    from funding.forms import OpportunityForm

    opportunity = FundingOpportunityFactory(owner=_deactivated_owner(officer, other_officer))
    field = OpportunityForm(instance=opportunity).fields["owner"]
    assert other_officer in field.queryset
    assert field.label_from_instance(other_officer) == "Colleague"  # by name, as everywhere


def test_record_forms_get_the_widget_of_each_kind_of_field():
    from events.forms import EventForm
    from partnerships.forms import PartnershipForm

    event_fields = EventForm().fields
    assert isinstance(event_fields["start"].widget, widgets.DateTimeInput)
    assert isinstance(event_fields["report_due"].widget, widgets.DateInput)
    assert isinstance(event_fields["themes"].widget, widgets.SearchableSelectMultiple)
    assert isinstance(event_fields["organisers"].widget, widgets.AutocompleteSelectMultiple)  # its own, kept
    assert isinstance(PartnershipForm().fields["sdgs"].widget, widgets.SearchableSelectMultiple)


def test_a_form_whose_meta_does_not_inherit_still_gets_the_widgets():
    from contacts.models import Organisation

    class Minimal(RecordForm):
        class Meta:
            model = Organisation
            fields = ["themes", "name"]

    assert isinstance(Minimal().fields["themes"].widget, widgets.SearchableSelectMultiple)
    assert isinstance(Minimal().fields["name"].widget, django_forms.TextInput)


def test_the_searchable_multiselect_renders_every_option_with_a_marker():
    OrganisationFactory()
    html = widgets.SearchableSelectMultiple(choices=[(1, "SDG 1"), (7, "SDG 7")]).render("sdgs", [7])
    assert 'data-searchable="true"' in html
    assert '<option value="7" selected>SDG 7</option>' in html

"""Dates that contradict each other, currencies that do not exist and interactions logged ahead are refused.

Each rule lives on the model (its clean()), so every form, the admin and the API hold it; the pages say why.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from contacts.honorifics import split_honorific
from contacts.models import Interaction
from contacts.tests.factories import OrganisationFactory, PersonFactory
from events.models import Event, Mission
from events.tests.test_programmes_missions import mission_data
from events.tests.test_views_event import event_data
from funding.models import FundingOpportunity
from funding.tests.test_views_opportunity import form_data as opportunity_data
from liaison.reference.currencies import iso_4217
from liaison.reference.models import ExchangeRate
from partnerships.models import Agreement
from partnerships.tests.test_agreements import agreement_form


def errors_of(response, field):
    assert response.status_code == 200, "the form is shown again"
    return " ".join(response.context["form"].errors.get(field, []))


@pytest.mark.parametrize("code", ["MYR", "USD", "EUR", "KRW", "XOF", "XDR"])
def test_iso_4217_currencies_are_accepted(code):
    iso_4217(code)


@pytest.mark.parametrize("code", ["ABC", "XXX", "XAU", "myr", "RM", "US$", ""])
def test_codes_that_are_not_currencies_are_refused(code):
    with pytest.raises(ValidationError):
        iso_4217(code)


def test_a_funding_call_in_an_invented_currency_is_refused(officer_client):
    response = officer_client.post(
        reverse("funding:opportunity_create"), opportunity_data(OrganisationFactory(), currency="ABC")
    )
    assert "ISO 4217" in errors_of(response, "currency")
    assert not FundingOpportunity.objects.exists()


def test_an_exchange_rate_in_an_invented_currency_is_refused(db):
    with pytest.raises(ValidationError) as refused:
        ExchangeRate(currency="ZZZ", rate_to_myr="1.5", valid_from="2026-01-01").full_clean()
    assert "currency" in refused.value.message_dict


def test_a_call_cannot_open_after_its_deadline(officer_client):
    data = opportunity_data(OrganisationFactory(), opening_date="2027-12-01", deadline="2027-11-16T17:00")
    response = officer_client.post(reverse("funding:opportunity_create"), data)
    assert "cannot open after its deadline" in errors_of(response, "opening_date")
    assert not FundingOpportunity.objects.exists()


def test_a_call_opening_on_its_deadline_day_is_accepted(officer_client):
    data = opportunity_data(OrganisationFactory(), opening_date="2027-11-16", deadline="2027-11-16T17:00")
    assert officer_client.post(reverse("funding:opportunity_create"), data).status_code == 302


def test_an_agreement_cannot_take_effect_before_it_is_signed(officer_client):
    data = agreement_form(status="signed", signed_date="2026-03-10", effective_date="2026-03-01")
    response = officer_client.post(reverse("partnerships:agreement_create"), data)
    assert "before the signature" in errors_of(response, "effective_date")
    assert not Agreement.objects.exists()


def test_an_agreement_taking_effect_on_signature_is_accepted(officer_client):
    data = agreement_form(status="signed", signed_date="2026-03-10", effective_date="2026-03-10")
    assert officer_client.post(reverse("partnerships:agreement_create"), data).status_code == 302


def test_a_missions_report_cannot_be_due_before_the_return(officer_client, officer):
    data = mission_data(traveller=officer.pk, report_due="2027-05-18")  # returns on 2027-05-20
    response = officer_client.post(reverse("events:mission_create"), data)
    assert "before the return" in errors_of(response, "report_due")
    assert not Mission.objects.exists()


def test_an_events_report_cannot_be_due_before_it_ends(officer_client):
    response = officer_client.post(reverse("events:event_create"), event_data(report_due="2027-06-09"))
    assert "before the event ends" in errors_of(response, "report_due")
    assert not Event.objects.exists()


def test_an_events_report_due_on_its_last_day_is_accepted(officer_client):
    assert officer_client.post(reverse("events:event_create"), event_data(report_due="2027-06-10")).status_code == 302


def test_an_interaction_more_than_a_day_ahead_is_refused_and_one_today_accepted(officer_client):
    person = PersonFactory()
    url = reverse("contacts:interaction_create")
    ahead = timezone.localtime() + timedelta(days=3)
    data = {"kind": "call", "subject": "Training dates", "people": [person.pk]}

    refused = officer_client.post(url, {**data, "occurred_at": ahead.strftime("%Y-%m-%dT%H:%M")})
    assert "more than a day ahead" in errors_of(refused, "occurred_at")
    assert not Interaction.objects.exists()

    later_today = timezone.localtime() + timedelta(hours=2)
    accepted = officer_client.post(url, {**data, "occurred_at": later_today.strftime("%Y-%m-%dT%H:%M")})
    assert accepted.status_code == 302
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize(
    "typed, honorific, name",
    [
        ("Dato' Sri Ahmad Zahid bin Hamidi", "Dato' Sri", "Ahmad Zahid bin Hamidi"),
        ("Dato\u2019 Sri Dr. Wan Azizah", "Dato\u2019 Sri Dr.", "Wan Azizah"),
        ("Datuk Seri Anwar Ibrahim", "Datuk Seri", "Anwar Ibrahim"),
        ("Tan Sri Muhyiddin Yassin", "Tan Sri", "Muhyiddin Yassin"),
    ],
)
def test_two_word_honorifics_are_kept_whole(typed, honorific, name):
    assert split_honorific(typed) == (honorific, name)


def test_dato_sri_typed_into_the_name_is_stored_whole_as_the_honorific(officer_client):
    data = {"full_name": "Dato' Sri Ahmad Zahid bin Hamidi", "country": "MY"}
    officer_client.post(reverse("contacts:person_create"), data)
    person = PersonFactory._meta.model.objects.get()
    assert (person.honorific, person.full_name) == ("Dato' Sri", "Ahmad Zahid bin Hamidi")

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from funding.models import FundingOpportunity
from funding.services import opportunity_change_status

from .conftest import kl
from .factories import FundingOpportunityFactory

pytestmark = pytest.mark.django_db
Status = FundingOpportunity.Status


def test_awarded_without_amount_is_refused_with_a_clear_message(officer):
    opportunity = FundingOpportunityFactory(status=Status.SHORTLISTED, probability=60)
    with pytest.raises(ValidationError) as error:
        opportunity_change_status(opportunity=opportunity, status=Status.AWARDED, user=officer)
    assert error.value.message_dict == {
        "amount_awarded": ["An awarded opportunity needs the amount awarded."],
        "decision_date": ["An awarded opportunity needs the date of the decision."],
    }
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.probability, opportunity.history.count()) == (Status.SHORTLISTED, 60, 1)


def test_awarded_with_amount_and_decision_date_settles_probability_and_records_who(officer):
    opportunity = FundingOpportunityFactory(status=Status.SHORTLISTED, probability=60)
    opportunity_change_status(
        opportunity=opportunity,
        status=Status.AWARDED,
        user=officer,
        amount_awarded=Decimal("80000"),
        decision_date=date(2027, 12, 1),
    )
    opportunity.refresh_from_db()
    assert opportunity.status == Status.AWARDED
    assert (opportunity.amount_awarded, opportunity.decision_date) == (Decimal("80000"), date(2027, 12, 1))
    assert opportunity.probability == 100
    assert opportunity.status_changed_at is not None
    latest = opportunity.history.latest()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Status changed to Awarded"


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN])
def test_a_lost_opportunity_weighs_nothing(officer, status):
    opportunity = FundingOpportunityFactory(status=Status.SUBMITTED, probability=60)
    opportunity_change_status(opportunity=opportunity, status=status, user=officer)
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.probability) == (status, 0)


def test_missed_only_after_the_deadline(officer, freeze):
    now = freeze(kl(2027, 11, 16, 16, 59))
    opportunity = FundingOpportunityFactory(status=Status.PREPARING, deadline=kl(2027, 11, 16, 17, 0))
    with pytest.raises(ValidationError) as error:
        opportunity_change_status(opportunity=opportunity, status=Status.MISSED, user=officer)
    assert error.value.message_dict["status"] == [
        "An opportunity can be marked missed only after its deadline has passed."
    ]
    freeze(now + timedelta(minutes=2))
    opportunity_change_status(opportunity=opportunity, status=Status.MISSED, user=officer)
    opportunity.refresh_from_db()
    assert opportunity.status == Status.MISSED


def test_missed_needs_a_deadline(officer):
    opportunity = FundingOpportunityFactory(deadline=None)
    with pytest.raises(ValidationError):
        opportunity_change_status(opportunity=opportunity, status=Status.MISSED, user=officer)


def test_unknown_or_unchanged_status_is_refused(officer):
    opportunity = FundingOpportunityFactory(status=Status.ASSESSING)
    for status in ("won", Status.ASSESSING):
        with pytest.raises(ValidationError):
            opportunity_change_status(opportunity=opportunity, status=status, user=officer)
    assert FundingOpportunity.objects.get().status == Status.ASSESSING

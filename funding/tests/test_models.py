from datetime import timedelta

import pytest

from funding.models import FundingOpportunity

from .conftest import kl
from .factories import FundingOpportunityFactory

pytestmark = pytest.mark.django_db
Status = FundingOpportunity.Status


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_deadline_within_counts_malaysian_dates_across_midnight(freeze):
    FundingOpportunityFactory(title="last minute of day 7", deadline=kl(2027, 11, 16, 23, 59))
    # 16 Nov 16:30 UTC: still day 7 by UTC dates, but already 17 Nov in Kuala Lumpur.
    FundingOpportunityFactory(title="just after midnight of day 8", deadline=kl(2027, 11, 17, 0, 30))
    FundingOpportunityFactory(title="passed this morning", deadline=kl(2027, 11, 9, 8, 0))

    freeze(kl(2027, 11, 9, 23, 30))  # 15:30 UTC on 9 Nov
    within = FundingOpportunity.objects.deadline_within(7)
    assert titles(within) == ["last minute of day 7", "passed this morning"]

    freeze(kl(2027, 11, 10, 0, 30))  # one hour later, a new Malaysian day (still 9 Nov in UTC)
    within = FundingOpportunity.objects.deadline_within(7)
    assert titles(within) == ["just after midnight of day 8", "last minute of day 7"]


def test_open_leaves_out_decided_opportunities():
    for status in Status.values:
        FundingOpportunityFactory(title=status, status=status)
    assert titles(FundingOpportunity.objects.open()) == sorted(
        ["identified", "assessing", "preparing", "submitted", "shortlisted"]
    )
    assert titles(FundingOpportunity.objects.to_submit()) == ["assessing", "identified", "preparing"]


def test_deadline_state_marks_soon_and_overdue_by_local_dates(freeze):
    now = freeze(kl(2027, 11, 9, 23, 30))
    soon = FundingOpportunityFactory(deadline=kl(2027, 11, 16, 23, 59))
    later = FundingOpportunityFactory(deadline=kl(2027, 11, 17, 0, 30))
    overdue = FundingOpportunityFactory(deadline=now - timedelta(minutes=1), status=Status.PREPARING)
    submitted = FundingOpportunityFactory(deadline=now - timedelta(days=1), status=Status.SUBMITTED)
    none = FundingOpportunityFactory(deadline=None)
    states = [o.deadline_state() for o in (soon, later, overdue, submitted, none)]
    assert states == ["soon", "", "overdue", "", ""]


def test_nearest_deadline_first_then_past_ones_then_those_without(freeze):
    now = freeze(kl(2027, 11, 9, 12, 0))
    for title, days in [("in 10 days", 10), ("yesterday", -1), ("in 2 days", 2), ("last month", -30)]:
        FundingOpportunityFactory(title=title, deadline=now + timedelta(days=days))
    FundingOpportunityFactory(title="no deadline", deadline=None)
    ordered = list(FundingOpportunity.objects.by_nearest_deadline().values_list("title", flat=True))
    assert ordered == ["in 2 days", "in 10 days", "yesterday", "last month", "no deadline"]


def test_value_is_awarded_else_requested_else_maximum():
    opportunity = FundingOpportunityFactory.build(amount_max=300, amount_requested=None, amount_awarded=None)
    assert opportunity.value == 300
    opportunity.amount_requested = 200
    assert opportunity.value == 200
    opportunity.amount_awarded = 150
    assert opportunity.value == 150

from decimal import Decimal

import pytest

from funding.demo import SeedFunding
from funding.models import FundingOpportunity, Milestone
from liaison.demo.demo import DemoUsers
from liaison.reference.models import ExchangeRate

pytestmark = pytest.mark.django_db


def test_demo_adds_opportunities_in_several_currencies_once():
    DemoUsers().load(print)
    SeedFunding().load(print)
    count, milestones = FundingOpportunity.objects.count(), Milestone.objects.count()
    assert count >= 6 and milestones >= 5
    assert {"MYR", "USD", "EUR"} <= set(FundingOpportunity.objects.values_list("currency", flat=True))
    assert set(ExchangeRate.objects.values_list("currency", flat=True)) == {"USD", "EUR"}
    assert FundingOpportunity.objects.filter(owner__username="officer").count() == count
    SeedFunding().load(print)
    assert (FundingOpportunity.objects.count(), Milestone.objects.count()) == (count, milestones)
    assert ExchangeRate.objects.count() == 2


def test_demo_leaves_rates_an_administrator_entered_alone():
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("4.4"), valid_from="2026-01-01")
    SeedFunding().load(print)
    assert list(ExchangeRate.objects.values_list("currency", "rate_to_myr")) == [("USD", Decimal("4.400000"))]

from datetime import date
from decimal import Decimal

import pytest

from funding import money
from funding.models import FundingOpportunity
from liaison.reference.models import ExchangeRate

from .factories import FundingOpportunityFactory

pytestmark = pytest.mark.django_db
Status = FundingOpportunity.Status


@pytest.fixture
def rates(db):
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("4.000000"), valid_from=date(2026, 1, 1))
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("4.500000"), valid_from=date(2026, 6, 1))
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("9.000000"), valid_from=date(2027, 1, 1))
    ExchangeRate.objects.create(currency="EUR", rate_to_myr=Decimal("5.000000"), valid_from=date(2026, 1, 1))


def test_to_myr_uses_the_rate_valid_on_the_day(rates):
    on_day = ExchangeRate.objects.latest_rates(date(2026, 7, 1))
    assert money.to_myr(Decimal("1000"), "USD", on_day) == Decimal("4500.00")
    assert money.to_myr(Decimal("1000"), "MYR", on_day) == Decimal("1000.00")
    assert money.to_myr(Decimal("1000"), "JPY", on_day) is None
    assert money.to_myr(None, "USD", on_day) is None
    earlier = ExchangeRate.objects.latest_rates(date(2026, 3, 1))
    assert money.to_myr(Decimal("1000"), "USD", earlier) == Decimal("4000.00")


def test_format_amount_shows_the_currency():
    assert money.format_amount(Decimal("1234567.5"), "USD") == "USD 1,234,567.50"
    assert money.format_amount(None, "USD") == ""


def test_pipeline_totals_are_amounts_times_rates_with_no_rate_currencies_apart(rates, django_assert_num_queries):
    FundingOpportunityFactory(status=Status.PREPARING, currency="MYR", amount_requested=100_000, probability=50)
    FundingOpportunityFactory(status=Status.PREPARING, currency="USD", amount_requested=10_000, probability=20)
    FundingOpportunityFactory(status=Status.SUBMITTED, currency="EUR", amount_requested=2_000, probability=100)
    FundingOpportunityFactory(status=Status.PREPARING, currency="JPY", amount_requested=1_000_000, probability=10)
    FundingOpportunityFactory(
        status=Status.AWARDED, currency="USD", amount_requested=50_000, amount_awarded=30_000, probability=100
    )

    with django_assert_num_queries(2):  # the rates, then one grouped aggregate
        result = money.pipeline(FundingOpportunity.objects.all(), on=date(2026, 7, 1))

    rows = {status: total for status, _label, total in result.rows}
    preparing = rows[Status.PREPARING]
    assert preparing.count == 3
    assert preparing.value_myr == Decimal("100000.00") + Decimal("10000") * Decimal("4.5")
    assert preparing.weighted_myr == Decimal("50000.00") + Decimal("2000") * Decimal("4.5")
    assert preparing.unconverted_list == [("JPY", Decimal("1000000.00"), Decimal("100000.00"))]
    assert rows[Status.SUBMITTED].value_myr == Decimal("10000.00")
    assert rows[Status.AWARDED].value_myr == Decimal("135000.00")  # the awarded amount, not the requested one
    assert rows[Status.REJECTED].count == 0
    assert result.total.count == 5
    assert result.total.value_myr == Decimal("145000.00") + Decimal("10000.00") + Decimal("135000.00")
    assert result.total.unconverted_list == [("JPY", Decimal("1000000.00"), Decimal("100000.00"))]
    assert [(r.currency, r.rate_to_myr) for r in result.rates] == [
        ("EUR", Decimal("5.000000")),
        ("USD", Decimal("4.500000")),
    ]

"""Amounts in their currency, and totals in ringgit at the rate valid on the day.

A total never mixes currencies: an amount whose currency has no rate is kept apart, per
currency, and shown as such rather than added as if it were ringgit.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from liaison.reference.models import ExchangeRate

MYR = "MYR"
CENT = Decimal("0.01")
AMOUNT = DecimalField(max_digits=20, decimal_places=2)


def to_myr(amount: Decimal | None, currency: str, rates: dict[str, ExchangeRate]) -> Decimal | None:
    """`amount` in ringgit, or None when there is no amount or no rate for its currency."""
    if amount is None:
        return None
    if currency == MYR:
        return Decimal(amount).quantize(CENT)
    rate = rates.get(currency)
    if rate is None:
        return None
    return (Decimal(amount) * rate.rate_to_myr).quantize(CENT)


def format_amount(amount: Decimal | None, currency: str) -> str:
    if amount is None:
        return ""
    return f"{currency} {amount:,.2f}"


@dataclass
class Total:
    """A count and a value (plain and weighted by probability) in MYR, plus what has no rate, per currency."""

    count: int = 0
    value_myr: Decimal = Decimal("0.00")
    weighted_myr: Decimal = Decimal("0.00")
    unconverted: dict[str, list[Decimal]] = field(default_factory=dict)  # currency: [value, weighted]

    def add(self, count, currency, value, weighted, rates):
        self.count += count
        value_myr = to_myr(value, currency, rates)
        if value_myr is None:
            amounts = self.unconverted.setdefault(currency, [Decimal("0.00"), Decimal("0.00")])
            amounts[0] += Decimal(value).quantize(CENT)
            amounts[1] += Decimal(weighted).quantize(CENT)
            return
        self.value_myr += value_myr
        self.weighted_myr += to_myr(weighted, currency, rates)

    @property
    def unconverted_list(self):
        return [(currency, value, weighted) for currency, (value, weighted) in sorted(self.unconverted.items())]


@dataclass
class Pipeline:
    rows: list[tuple[str, str, Total]]  # status, its label, its total
    total: Total
    rates: list[ExchangeRate]  # the rates used, one per converted currency
    on: date


def value_expression():
    """What an opportunity is worth in its currency: awarded, else requested, else the maximum."""
    return Coalesce("amount_awarded", "amount_requested", "amount_max", output_field=AMOUNT)


def pipeline(queryset: QuerySet, on: date | None = None) -> Pipeline:
    """Count and value by status, summed by the database per status and currency, then converted."""
    from .models import FundingOpportunity

    on = on or timezone.localdate()
    rates = ExchangeRate.objects.latest_rates(on)
    groups = (
        queryset.order_by()
        .annotate(worth=value_expression())
        .values("status", "currency")
        .annotate(
            count=Count("pk"),
            value=Coalesce(Sum("worth"), Decimal(0), output_field=AMOUNT),
            weighted=Coalesce(
                Sum(ExpressionWrapper(F("worth") * F("probability") / Decimal(100), output_field=AMOUNT)),
                Decimal(0),
                output_field=AMOUNT,
            ),
        )
    )
    by_status = defaultdict(Total)
    total = Total()
    used = set()
    for group in groups:  # one row per status and currency, not per opportunity
        args = (group["count"], group["currency"], group["value"] or 0, group["weighted"] or 0, rates)
        by_status[group["status"]].add(*args)
        total.add(*args)
        if group["currency"] in rates and group["value"]:
            used.add(group["currency"])
    rows = [(status, label, by_status[status]) for status, label in FundingOpportunity.Status.choices]
    return Pipeline(rows=rows, total=total, rates=[rates[c] for c in sorted(used)], on=on)

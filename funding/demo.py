"""Demo funding opportunities from real funders, in MYR, USD, EUR (and one JPY call with no rate)."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from contacts.models import Organisation
from contacts.services import organisation_find_or_create
from liaison.demo.registry import register
from liaison.reference.models import SDG, ExchangeRate, Theme
from liaison.reference.registry import Loader

from .models import FundingOpportunity, Milestone, local_midnight

Kind, Status = FundingOpportunity.Kind, FundingOpportunity.Status
OrgKind = Organisation.Kind

# Illustrative rates for the demo only: not official, not for real conversions.
DEMO_RATES = {"USD": Decimal("4.200000"), "EUR": Decimal("4.850000")}

FUNDERS = {
    # acronym: (name, kind, country)
    "ADB": ("Asian Development Bank", OrgKind.DEVELOPMENT_BANK, "PH"),
    "UNDP": ("United Nations Development Programme", OrgKind.UN_AGENCY, "MY"),
    "GIZ": ("Deutsche Gesellschaft fuer Internationale Zusammenarbeit", OrgKind.BILATERAL_AGENCY, "DE"),
    "JICA": ("Japan International Cooperation Agency", OrgKind.BILATERAL_AGENCY, "JP"),
    "EU": ("European Union", OrgKind.OTHER, "BE"),
    "KPKT": ("Ministry of Housing and Local Government", OrgKind.NATIONAL_GOVERNMENT, "MY"),
    "DBKL": ("Kuala Lumpur City Hall", OrgKind.LOCAL_GOVERNMENT, "MY"),
}

# title, funder, kind, currency, (min, max), requested, days to deadline, status, probability, SDGs, milestones
OPPORTUNITIES = [
    (
        "ADB Urban Climate Change Resilience Trust Fund: city resilience plans",
        "ADB",
        Kind.TECHNICAL_ASSISTANCE,
        "USD",
        (200_000, 500_000),
        350_000,
        5,
        Status.PREPARING,
        40,
        [11, 13],
        [("Concept note", -10, True), ("Full proposal", 5, False)],
    ),
    (
        "UNDP Accelerator Lab call: SDG localisation in Malaysian cities",
        "UNDP",
        Kind.CALL_FOR_PROPOSALS,
        "USD",
        (50_000, 150_000),
        120_000,
        24,
        Status.ASSESSING,
        30,
        [11, 17],
        [("Concept note", 10, False)],
    ),
    (
        "GIZ Cities Fit for Climate Change: peer exchange grant",
        "GIZ",
        Kind.GRANT,
        "EUR",
        (80_000, 250_000),
        180_000,
        45,
        Status.IDENTIFIED,
        20,
        [11, 13],
        [],
    ),
    (
        "EU International Urban and Regional Cooperation: city pairing",
        "EU",
        Kind.CALL_FOR_PROPOSALS,
        "EUR",
        (100_000, 400_000),
        300_000,
        -20,
        Status.SUBMITTED,
        50,
        [11, 17],
        [("Interview with the evaluation panel", 15, False)],
    ),
    (
        "JICA Knowledge Co-Creation Programme: disaster risk reduction for local governments",
        "JICA",
        Kind.FELLOWSHIP,
        "JPY",
        (None, 12_000_000),
        9_000_000,
        60,
        Status.IDENTIFIED,
        25,
        [11, 13],
        [],
    ),
    (
        "KPKT local agenda 21 co-financing: gender-responsive budgeting training",
        "KPKT",
        Kind.CO_FINANCING,
        "MYR",
        (50_000, 200_000),
        150_000,
        -90,
        Status.AWARDED,
        100,
        [5, 11],
        [("Interim report", 30, False), ("Final report", 120, False)],
    ),
    (
        "UNDP small grants: community waste-to-wealth pilots",
        "UNDP",
        Kind.GRANT,
        "MYR",
        (20_000, 80_000),
        60_000,
        -3,
        Status.PREPARING,
        35,
        [11, 12],
        [("Budget sign-off", -5, False)],
    ),
]


def _organisation(acronym):
    name, kind, country = FUNDERS[acronym]
    return organisation_find_or_create(name=name, acronym=acronym, kind=kind, country=country)


def _deadline(days):
    """A deadline `days` from today, at 17:00 Kuala Lumpur time as calls usually close."""
    return local_midnight(timezone.localdate() + timedelta(days=days)) + timedelta(hours=17)


def _seed_rates(log):
    if ExchangeRate.objects.exists():
        log("exchange rates: already present, demo rates not added")
        return
    valid_from = date(timezone.localdate().year, 1, 1)
    for currency, rate in DEMO_RATES.items():
        ExchangeRate.objects.create(
            currency=currency, rate_to_myr=rate, valid_from=valid_from, source="Illustrative demo rate, not official"
        )
    log("exchange rates: illustrative demo rates for USD and EUR (not official); JPY left without a rate")


@register
class SeedFunding(Loader):
    order = 40

    def load(self, log):
        _seed_rates(log)
        owner = get_user_model().objects.filter(username="officer").first()
        lead = _organisation("DBKL")
        theme = Theme.objects.order_by("name").first()
        created = 0
        for title, funder, kind, currency, (
            low,
            high,
        ), requested, days, status, probability, sdgs, steps in OPPORTUNITIES:
            awarded = status == Status.AWARDED
            opportunity, was_created = FundingOpportunity.objects.get_or_create(
                title=title,
                defaults={
                    "funder": _organisation(funder),
                    "kind": kind,
                    "currency": currency,
                    "amount_min": low,
                    "amount_max": high,
                    "amount_requested": requested,
                    "amount_awarded": requested if awarded else None,
                    "decision_date": timezone.localdate() - timedelta(days=30) if awarded else None,
                    "opening_date": timezone.localdate() + timedelta(days=min(days, 0) - 60),
                    "deadline": _deadline(days),
                    "status": status,
                    "probability": probability,
                    "lead_applicant": lead,
                    "owner": owner,
                    "link": "https://example.org/calls/" + funder.lower(),
                },
            )
            if not was_created:
                continue
            created += 1
            opportunity.sdgs.set(SDG.objects.filter(number__in=sdgs))
            if theme:
                opportunity.themes.add(theme)
            for label, offset, done in steps:
                Milestone.objects.create(
                    opportunity=opportunity,
                    label=label,
                    due=_deadline(offset),
                    done_on=timezone.localdate() + timedelta(days=offset) if done else None,
                )
        log(f"funding opportunities: {created} created, {len(OPPORTUNITIES) - created} already present")

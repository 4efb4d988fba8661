from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory
from funding.models import FundingOpportunity, Milestone


class FundingOpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingOpportunity

    title = factory.Sequence(lambda n: f"Call for proposals on urban resilience {n}")
    funder = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Development Bank {n}"),
        kind=Organisation.Kind.DEVELOPMENT_BANK,
    )
    kind = FundingOpportunity.Kind.CALL_FOR_PROPOSALS
    currency = "MYR"
    amount_requested = Decimal("100000.00")
    probability = 50
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=60))


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    opportunity = factory.SubFactory(FundingOpportunityFactory)
    label = "Concept note"
    due = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))

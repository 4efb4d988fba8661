import factory

from contacts.tests.factories import OrganisationFactory
from partnerships.models import Agreement, PartnerRole, Partnership, VoluntaryReview


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    title = factory.Sequence(lambda n: f"City-to-city exchange on climate action {n}")
    kind = Partnership.Kind.CITY_TO_CITY
    stage = Partnership.Stage.EXPLORING


class PartnerRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerRole

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.Role.PARTNER


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Memorandum of understanding {n}")
    kind = Agreement.Kind.MOU
    partnership = factory.SubFactory(PartnershipFactory)


class VoluntaryReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoluntaryReview

    kind = VoluntaryReview.Kind.VLR
    government = factory.SubFactory(OrganisationFactory)
    year = factory.Sequence(lambda n: 2020 + n % 10)

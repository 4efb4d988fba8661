import factory
from django.utils import timezone

from contacts.models import Affiliation, Interaction, Organisation, Person


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Majlis Perbandaran Contoh {n}")
    kind = Organisation.Kind.LOCAL_GOVERNMENT
    country = "MY"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nurul Huda binti Ahmad {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    position = "Director of Planning"
    is_current = True


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"Meeting on the VLR {n}")
    kind = Interaction.Kind.MEETING
    occurred_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def concerns(self, create, records, **kwargs):
        """`concerns=[partnership, event…]`: records of other apps, each of which links the interaction."""
        for record in records or ():
            record.interactions.add(self)

import factory
from django.utils import timezone

from contacts.models import Affiliation, Consent, Interaction, Organisation, Person
from liaison.privacy.models import Purpose


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Majlis Perbandaran Contoh {n}")
    kind = Organisation.Kind.LOCAL_GOVERNMENT
    country = "MY"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Nurul Huda binti Ahmad {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")

    @factory.post_generation
    def consents(self, create, keys, **kwargs):
        """`consents=["invitations", …]`: consent given for each purpose named (`"all"`: every purpose)."""
        if not create or not keys:
            return
        if keys == "all":
            keys = ALL_PURPOSES
        for key in keys:
            ConsentFactory(person=self, purpose=purpose(key))


ALL_PURPOSES = (
    Purpose.INVITATIONS,
    Purpose.NEWSLETTER,
    Purpose.PARTNERSHIP_WORK,
    Purpose.EVENT_REGISTRATION,
    Purpose.STATISTICS,
)


def purpose(key: str) -> Purpose:
    """The purpose created by the migration (or again, after a flush)."""
    from importlib import import_module

    purposes = {row[0]: row for row in import_module("liaison.privacy.migrations.0001_initial").PURPOSES}
    _key, name, name_ms, notice, notice_ms = purposes[key]
    defaults = {"name": name, "name_ms": name_ms, "notice": notice, "notice_ms": notice_ms}
    return Purpose.objects.get_or_create(key=key, defaults=defaults)[0]


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    purpose = factory.LazyFunction(lambda: purpose(Purpose.INVITATIONS))
    status = Consent.Status.GIVEN
    date = factory.LazyFunction(timezone.localdate)
    source = "Registration form"
    notice_version = factory.LazyAttribute(lambda consent: consent.purpose.version)


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

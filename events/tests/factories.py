from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from contacts.tests.factories import PersonFactory
from events.models import Event, Mission, Participation, Programme


def kl(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """An aware date-time in Kuala Lumpur."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def started(hours: int = 2) -> datetime:
    """A start `hours` ago: attendance can be recorded for the event."""
    return timezone.now() - timedelta(hours=hours)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Gender-responsive planning and budgeting {2027 + n}")
    start_date = date(2027, 1, 1)
    end_date = date(2027, 12, 31)
    target_people_trained = 100
    target_local_governments = 20


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Malaysia Urban Forum {n}")
    kind = Event.Kind.FORUM
    level = Event.Level.NATIONAL
    start = factory.LazyFunction(lambda: kl(date(2027, 3, 9)))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=8))
    city = "Kuala Lumpur"
    country = "MY"


class TrainingFactory(EventFactory):
    title = factory.Sequence(lambda n: f"GRPB training {n}")
    kind = Event.Kind.TRAINING
    at_training_hub = True
    venue = "DBKL training hub"


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    status = Participation.Status.REGISTERED


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission

    destination = "Baku"
    country = "AZ"
    start_date = date(2027, 5, 16)
    end_date = date(2027, 5, 23)
    purpose = "Represent the office at the World Urban Forum."
    approval = Mission.Approval.APPROVED
    report_due = date(2027, 6, 5)

from datetime import date, timedelta

import pytest

from contacts.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from events.models import Participation

from .factories import ProgrammeFactory, TrainingFactory, kl


@pytest.fixture
def programme(db):
    return ProgrammeFactory(title="Gender-responsive planning and budgeting 2027", target_people_trained=60)


@pytest.fixture
def three_day_training(programme):
    """A 3-day training with 40 participants: 30 attended (18 women, 12 men), 6 no-shows, 4 cancelled.

    The 40 come from 8 local governments (5 each); attendees from the first 6.
    """
    training = TrainingFactory(
        programme=programme, start=kl(date(2027, 3, 9), 9), end=kl(date(2027, 3, 9) + timedelta(days=2), 17)
    )
    councils = OrganisationFactory.create_batch(8)
    for index in range(40):
        gender = "female" if index < 18 or (index >= 30 and index % 2) else "male"
        person = PersonFactory(gender=gender)
        status = (
            Participation.Status.ATTENDED
            if index < 30
            else (Participation.Status.NO_SHOW if index < 36 else Participation.Status.CANCELLED)
        )
        Participation.objects.create(event=training, person=person, status=status, organisation=councils[index // 5])
    return training


@pytest.fixture
def person_at_council(db):
    """A person currently at a local government."""
    affiliation = AffiliationFactory(position="Budget Officer")
    return affiliation.person

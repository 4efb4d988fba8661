"""Workflows that touch more than one contacts record."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Affiliation, Consent, Interaction, Organisation, Person


@transaction.atomic
def affiliation_start(
    *,
    person: Person,
    organisation: Organisation,
    position: str = "",
    department: str = "",
    start_date: date | None = None,
    end_current_posts: bool = False,
) -> Affiliation:
    """A new current post; with `end_current_posts`, the person's other current posts end as it starts."""
    if end_current_posts:
        for post in person.affiliations.current():
            affiliation_end(affiliation=post, end_date=start_date or timezone.localdate())
    return Affiliation.objects.create(
        person=person,
        organisation=organisation,
        position=position,
        department=department,
        start_date=start_date,
        is_current=True,
    )


def affiliation_end(*, affiliation: Affiliation, end_date: date) -> Affiliation:
    """The post is kept, as a past one: officials move on and their history stays."""
    if affiliation.start_date and end_date < affiliation.start_date:
        end_date = affiliation.start_date  # replaced by a post dated before it began: it ends on its first day
    affiliation.end_date = end_date
    affiliation.is_current = False
    affiliation.save(update_fields=["end_date", "is_current", "updated_at"])
    return affiliation


@transaction.atomic
def interaction_log(*, interaction: Interaction, author, people=(), organisations=()) -> Interaction:
    """Save a new interaction by `author` with the people and organisations it was with."""
    interaction.author = author
    interaction.save()
    interaction.people.add(*people)
    interaction.organisations.add(*organisations)
    return interaction


def interaction_log_with_person(*, interaction: Interaction, author, person: Person) -> Interaction:
    """Logged on a person's page: the organisations of their current posts are in it too."""
    organisations = Organisation.objects.filter(affiliations__person=person, affiliations__is_current=True).distinct()
    return interaction_log(interaction=interaction, author=author, people=[person], organisations=organisations)


def organisation_find_or_create(*, name: str, acronym: str = "", **defaults) -> Organisation:
    """The organisation called `name` (in English or its local name), else the one with this acronym, else a new one.

    For demo and import code of every app: the reference data may already hold the organisation under
    another spelling of its name, and an officer's copy must be found rather than doubled.
    """
    found = Organisation.objects.filter(Q(name=name) | Q(name_local=name)).order_by("pk").first()
    if found is None and acronym:
        found = Organisation.objects.filter(acronym=acronym).order_by("pk").first()
    return found or Organisation.objects.create(name=name, acronym=acronym, **defaults)


def consent_record(*, person: Person, purpose, status: str, date: date, source: str = "", user=None) -> Consent:
    """A new answer for one purpose, with the version of the notice the person was shown."""
    return Consent.objects.create(
        person=person,
        purpose=purpose,
        status=status,
        date=date,
        source=source,
        notice_version=purpose.version,
        recorded_by=user,
    )

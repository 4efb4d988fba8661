"""The merge (contacts.merging) moves every related record to the survivor: one case per relation, whatever app.

The merge finds these relations through `_meta`; each case here would fail if one of them were left behind,
and the clashing ones (both records on the same event, partnership, interaction) are combined, never raised.
"""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from contacts.merging.services import merge_organisations, merge_people, pointers
from contacts.models import Affiliation, Consent, Organisation, Person
from contacts.tests.factories import (
    AffiliationFactory,
    ConsentFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
)
from events.models import Invitation, InvitationTemplate, Participation
from events.tests.factories import EventFactory, ParticipationFactory
from funding.tests.factories import FundingOpportunityFactory
from liaison.reference.models import Theme
from liaison.reminders.models import Notification, Reminder
from liaison.work.models import Task
from partnerships.models import PartnerRole
from partnerships.tests.factories import AgreementFactory, PartnerRoleFactory, VoluntaryReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return PersonFactory(full_name="Ahmad Faizal bin Hassan"), PersonFactory(full_name="Ahmad Faizal Hassan")


@pytest.fixture
def organisations():
    return OrganisationFactory(name="Shah Alam City Council"), OrganisationFactory(name="Majlis Bandaraya Shah Alam")


def test_every_relation_to_people_and_organisations_is_found_generically():
    person = {(p.model._meta.label, p.field) for p in pointers(Person)}
    assert {
        ("contacts.Consent", "person_id"),
        ("contacts.Affiliation", "person_id"),
        ("contacts.Interaction_people", "person_id"),
        ("events.Participation", "person_id"),
        ("events.Invitation", "person_id"),
        ("work.Task", "object_id"),
        ("reminders.Reminder", "object_id"),
    } <= person
    organisation = {(p.model._meta.label, p.field) for p in pointers(Organisation)}
    assert {
        ("partnerships.PartnerRole", "organisation_id"),
        ("partnerships.Agreement_parties", "organisation_id"),
        ("partnerships.VoluntaryReview", "government_id"),
        ("funding.FundingOpportunity", "funder_id"),
        ("funding.FundingOpportunity", "lead_applicant_id"),
        ("funding.FundingOpportunity_co_applicants", "organisation_id"),
        ("events.Event_organisers", "organisation_id"),
        ("events.Participation", "organisation_id"),
        ("contacts.Organisation", "parent_id"),
    } <= organisation
    # History tables tell what was: they are not rewritten.
    assert not any(p.model._meta.model_name.startswith("historical") for p in pointers(Person))


def test_consents_move(people, officer):
    keep, other = people
    consent = ConsentFactory(person=other)
    merge_people(keep, other, {}, officer)
    consent.refresh_from_db()
    assert consent.person == keep
    assert Consent.objects.filter(person=keep).count() == 1


def test_posts_move_and_the_same_post_twice_becomes_the_richer_one(people, officer):
    keep, other = people
    council = OrganisationFactory()
    plain = AffiliationFactory(person=keep, organisation=council, position="Director", start_date=None)
    richer = AffiliationFactory(person=other, organisation=council, position="Director", start_date=date(2020, 1, 1))
    elsewhere = AffiliationFactory(person=other, position="Adviser")
    same = AffiliationFactory(person=keep, position="Adviser", organisation=elsewhere.organisation)
    merge_people(keep, other, {}, officer)
    posts = set(Affiliation.objects.filter(person=keep).values_list("pk", flat=True))
    # The dated post wins over the bare one; of two equal posts, the survivor's own stays.
    assert posts == {richer.pk, same.pk}
    assert not Affiliation.objects.filter(pk__in=[plain.pk, elsewhere.pk]).exists()


def test_interaction_participants_move_and_a_shared_interaction_keeps_one(people, officer):
    keep, other = people
    alone = InteractionFactory()
    alone.people.add(other)
    shared = InteractionFactory()
    shared.people.add(keep, other)
    merge_people(keep, other, {}, officer)
    assert list(alone.people.all()) == [keep]
    assert list(shared.people.all()) == [keep]


def test_event_participations_move_and_attended_wins(people, officer):
    keep, other = people
    plain = ParticipationFactory(person=other)
    event = EventFactory()
    ParticipationFactory(person=keep, event=event, status=Participation.Status.INVITED)
    attended = ParticipationFactory(person=other, event=event, status=Participation.Status.ATTENDED, notes="Spoke")
    merge_people(keep, other, {}, officer)
    plain.refresh_from_db()
    assert plain.person == keep
    survivor = Participation.objects.get(event=event)
    assert (survivor.pk, survivor.person, survivor.status) == (attended.pk, keep, Participation.Status.ATTENDED)
    # The move is in the participation's history, with the merge as its reason.
    latest = survivor.history.order_by("-history_id").first()
    assert latest.person_id == keep.pk and "Merged with" in latest.history_change_reason


def test_invitations_move(people, officer):
    keep, other = people
    template = InvitationTemplate.objects.create(name="Forum", subject_en="s", body_en="b", subject_ms="s", body_ms="b")
    invitation = Invitation.objects.create(event=EventFactory(), person=other, template=template, message_id="<1@x>")
    merge_people(keep, other, {}, officer)
    invitation.refresh_from_db()
    assert invitation.person == keep


def test_tasks_about_the_person_move(people, officer):
    keep, other = people
    person_type = ContentType.objects.get_for_model(Person)
    task = Task.objects.create(
        title="Call back", due_on=timezone.localdate(), assignee=officer, content_type=person_type, object_id=other.pk
    )
    merge_people(keep, other, {}, officer)
    task.refresh_from_db()
    assert task.record == keep


def test_reminders_and_their_notifications_move(people, officer, client):
    keep, other = people
    reminder = Reminder.objects.create(
        source="contacts.retention",
        content_type=ContentType.objects.get_for_model(Person),
        object_id=other.pk,
        due_on=timezone.localdate() + timedelta(days=7),
        offset=7,
        recipient=officer,
        title="Retention review",
        url=other.get_absolute_url(),
    )
    notification = Notification.objects.create(
        user=officer, title="Retention review", url=other.get_absolute_url(), reminder=reminder
    )
    merge_people(keep, other, {}, officer)
    reminder.refresh_from_db()
    notification.refresh_from_db()
    assert reminder.record == keep
    assert notification.reminder.record == keep
    # The link the notification carries still leads to the person, now the survivor.
    client.force_login(officer)
    response = client.get(notification.url)
    assert (response.status_code, response["Location"]) == (301, keep.get_absolute_url())


def test_themes_are_combined(people, officer):
    keep, other = people
    first = Theme.objects.create(code="climate-m", name="Climate")
    second = Theme.objects.create(code="housing-m", name="Housing")
    keep.themes.add(first)
    other.themes.add(first, second)
    merge_people(keep, other, {}, officer)
    assert set(keep.themes.all()) == {first, second}


def test_partner_roles_move_and_the_same_role_twice_becomes_one(organisations, officer):
    keep, other = organisations
    plain = PartnerRoleFactory(organisation=other)
    shared = PartnerRoleFactory(organisation=keep, role=PartnerRole.Role.LEAD)
    twin = PartnerRoleFactory(organisation=other, partnership=shared.partnership, role=PartnerRole.Role.LEAD)
    funder = PartnerRoleFactory(organisation=other, partnership=shared.partnership, role=PartnerRole.Role.FUNDER)
    merge_organisations(keep, other, {}, officer)
    assert set(PartnerRole.objects.filter(organisation=keep).values_list("pk", flat=True)) == {
        plain.pk,
        shared.pk,
        funder.pk,
    }
    assert not PartnerRole.objects.filter(pk=twin.pk).exists()


def test_agreement_parties_and_voluntary_reviews_move(organisations, officer):
    keep, other = organisations
    agreement = AgreementFactory()
    agreement.parties.add(other)
    review = VoluntaryReviewFactory(government=other)
    merge_organisations(keep, other, {}, officer)
    review.refresh_from_db()
    assert list(agreement.parties.all()) == [keep]
    assert review.government == keep


def test_funding_funder_lead_applicant_and_co_applicants_move(organisations, officer):
    keep, other = organisations
    funded = FundingOpportunityFactory(funder=other)
    led = FundingOpportunityFactory(lead_applicant=other)
    joint = FundingOpportunityFactory()
    joint.co_applicants.add(other, keep)
    merge_organisations(keep, other, {}, officer)
    funded.refresh_from_db()
    led.refresh_from_db()
    assert (funded.funder, led.lead_applicant) == (keep, keep)
    assert list(joint.co_applicants.all()) == [keep]


def test_event_organisers_and_participants_organisation_move(organisations, officer):
    keep, other = organisations
    event = EventFactory()
    event.organisers.add(other)
    participation = ParticipationFactory(organisation=other)
    merge_organisations(keep, other, {}, officer)
    participation.refresh_from_db()
    assert list(event.organisers.all()) == [keep]
    assert participation.organisation == keep


def test_posts_interactions_children_and_tasks_of_an_organisation_move(organisations, officer):
    keep, other = organisations
    post = AffiliationFactory(organisation=other)
    interaction = InteractionFactory()
    interaction.organisations.add(other)
    child = OrganisationFactory(parent=other)
    task = Task.objects.create(
        title="Send the MOU",
        due_on=timezone.localdate(),
        assignee=officer,
        content_type=ContentType.objects.get_for_model(Organisation),
        object_id=other.pk,
    )
    merge_organisations(keep, other, {}, officer)
    for record in (post, child, task):
        record.refresh_from_db()
    assert post.organisation == keep
    assert list(interaction.organisations.all()) == [keep]
    assert child.parent == keep
    assert task.record == keep


def test_an_organisation_merged_into_its_own_child_is_nobodys_parent(officer):
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    merge_organisations(child, parent, {"parent": "keep"}, officer)
    child.refresh_from_db()
    assert child.parent is None


def test_done_when_interactions_posts_participations_and_partner_roles_end_on_the_survivor(officer, client):
    """Issue 12: every one of them is on the survivor, and the merged-away person's address redirects."""
    keep, other = PersonFactory(), PersonFactory()
    interactions = [InteractionFactory(), InteractionFactory()]
    for interaction in interactions:
        interaction.people.add(other)
    posts = [AffiliationFactory(person=other, position="Mayor"), AffiliationFactory(person=other, is_current=False)]
    participations = [ParticipationFactory(person=other), ParticipationFactory(person=other)]
    council, duplicate = OrganisationFactory(), OrganisationFactory()
    roles = [PartnerRoleFactory(organisation=duplicate), PartnerRoleFactory(organisation=duplicate)]
    old_url = other.get_absolute_url()

    merge_people(keep, other, {}, officer)
    merge_organisations(council, duplicate, {}, officer)

    assert set(keep.interactions.all()) == set(interactions)
    assert set(keep.affiliations.all()) == set(posts)
    assert set(Participation.objects.filter(person=keep)) == set(participations)
    assert set(PartnerRole.objects.filter(organisation=council)) == set(roles)
    assert not Person.objects.filter(pk=other.pk).exists()
    client.force_login(officer)
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, keep.get_absolute_url())

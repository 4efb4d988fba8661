"""Invitations go only to people who consented to them; every list export is audited."""

from django.urls import reverse

from contacts.tests.factories import ConsentFactory, PersonFactory, purpose
from events.models import Participation
from liaison.audit.models import AuditEntry

from .factories import EventFactory, ParticipationFactory, started


def body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_person_who_withdrew_consent_for_invitations_is_left_off_the_invitation_list_and_flagged(officer_client):
    event = EventFactory()
    aishah = PersonFactory(full_name="Aishah Rahman", consents=["invitations"])
    ParticipationFactory(event=event, person=aishah, status="invited")
    withdrawn = PersonFactory(full_name="Hafiz Osman", email="hafiz@plan.gov.my", consents=["invitations"])
    ConsentFactory(person=withdrawn, purpose=purpose("invitations"), status="withdrawn")
    ParticipationFactory(event=event, person=withdrawn, status="invited")

    invitations = body(officer_client.get(reverse("events:invitation_list", args=[event.pk]), {"export": "csv"}))
    assert "Aishah Rahman" in invitations
    assert "Hafiz" not in invitations

    participants = body(officer_client.get(reverse("events:participants_export", args=[event.pk]), {"export": "csv"}))
    hafiz = next(line for line in participants.splitlines() if "Hafiz Osman" in line)
    assert "withdrew consent for Invitations to events" in hafiz
    people = body(officer_client.get(reverse("contacts:person_list"), {"export": "csv", "q": "Hafiz"}))
    assert "Withdrawn" in next(line for line in people.splitlines() if "Hafiz Osman" in line)


def test_inviting_leaves_out_people_without_consent_and_says_why(officer_client):
    event = EventFactory(start=started())
    willing = PersonFactory(consents=["invitations"])
    unasked = PersonFactory(full_name="Lim Mei Ling")
    response = officer_client.post(
        reverse("events:participants_add", args=[event.pk]),
        {"people": [willing.pk, unasked.pk], "role": "participant", "status": "invited"},
        follow=True,
    )
    assert set(event.participations.values_list("person", flat=True)) == {willing.pk}
    assert "Not invited: Lim Mei Ling (no consent recorded for Invitations to events)" in response.content.decode()
    # Registering someone who came is not contacting them: no consent needed.
    officer_client.post(
        reverse("events:participants_add", args=[event.pk]),
        {"people": [unasked.pk], "role": "participant", "status": "attended"},
    )
    assert event.participations.get(person=unasked).status == Participation.Status.ATTENDED


def test_exporting_a_list_writes_one_audit_row_with_the_filters_and_the_row_count(officer_client, officer):
    event = EventFactory()
    ParticipationFactory.create_batch(3, event=event)
    officer_client.get(reverse("events:participants_export", args=[event.pk]), {"export": "xlsx"})
    officer_client.get(reverse("contacts:person_list"), {"export": "csv", "do_not_contact": "no", "page": "2"})
    exports = list(AuditEntry.objects.filter(action=AuditEntry.Action.LIST_EXPORT).order_by("id"))
    assert len(exports) == 2
    assert (exports[0].user, exports[0].row_count, exports[0].filters) == (officer, 3, {})
    assert exports[1].filters == {"do_not_contact": "no"}
    assert exports[1].row_count == 3

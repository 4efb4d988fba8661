"""Events and participations through the API: the pages' forms and the participation services."""

import json

import pytest
from django.urls import reverse

from contacts.tests.factories import AffiliationFactory, PersonFactory
from events.models import Participation
from events.tests.factories import EventFactory, ParticipationFactory, started
from liaison.api.models import ApiToken

pytestmark = pytest.mark.django_db


def send(client, method, url, data, user):
    secret = ApiToken.issue(user=user, name="script", read_only=False)[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if method == "get":
        return client.get(url, **auth)
    return getattr(client, method)(url, json.dumps(data), content_type="application/json", **auth)


def test_event_is_created_through_the_form(client, officer):
    url = reverse("api:event-list")
    data = {"title": "Malaysia Urban Forum", "start": "2027-03-09T09:00", "end": "2027-03-08T17:00"}
    bad = send(client, "post", url, data, officer)
    assert bad.status_code == 400 and "end before it starts" in bad.json()["end"][0]
    response = send(client, "post", url, {**data, "end": "2027-03-09T17:00", "published": True}, officer)
    assert response.status_code == 201, response.content
    assert response.json()["published"] is True and response.json()["owner"] == officer.pk


def test_adding_a_participant_copies_their_post_and_keeps_history(client, officer):
    """What participations_add does and a plain save would not: the post held today, a history row by the user."""
    event = EventFactory()
    post = AffiliationFactory(position="Director of Planning")
    data = {"event": event.pk, "person": post.person.pk, "status": "registered", "role": "speaker"}
    response = send(client, "post", reverse("api:participation-list"), data, officer)
    assert response.status_code == 201, response.content
    participation = Participation.objects.get()
    assert participation.organisation == post.organisation and participation.position == "Director of Planning"
    assert participation.history.get().history_user == officer
    again = send(client, "post", reverse("api:participation-list"), data, officer)
    assert again.status_code == 400 and "already" in again.json()["person"][0]


def test_inviting_needs_the_persons_consent_as_on_the_page(client, officer):
    event = EventFactory()
    refusing = PersonFactory(do_not_contact=True)
    url = reverse("api:participation-list")
    response = send(client, "post", url, {"event": event.pk, "person": refusing.pk, "status": "invited"}, officer)
    assert response.status_code == 400 and "Not invited" in response.json()["person"][0]
    consenting = PersonFactory(consents=["invitations"])
    ok = send(client, "post", url, {"event": event.pk, "person": consenting.pk, "status": "invited"}, officer)
    assert ok.status_code == 201, ok.content
    assert send(client, "post", url, {"event": 0, "person": consenting.pk}, officer).status_code == 400


def test_status_changes_through_attendance_and_nothing_else_is_written(client, officer):
    participation = ParticipationFactory(status="registered", event__start=started())
    url = reverse("api:participation-detail", args=[participation.pk])
    assert send(client, "patch", url, {"position": "Mayor"}, officer).status_code == 400
    assert send(client, "patch", url, {"status": "sleeping"}, officer).status_code == 400
    response = send(client, "patch", url, {"status": "attended"}, officer)
    assert response.status_code == 200 and response.json()["status"] == "attended"
    participation.refresh_from_db()
    assert participation.status == "attended"
    assert participation.history.latest().history_user == officer  # attendance_mark's bulk history, by the user


def test_supervisor_reads_participations_and_cannot_add(client, supervisor):
    participation = ParticipationFactory()
    listing = send(
        client, "get", reverse("api:participation-list") + f"?event={participation.event_id}", None, supervisor
    )
    assert [row["id"] for row in listing.json()["results"]] == [participation.pk]
    data = {"event": participation.event_id, "person": PersonFactory().pk, "status": "registered"}
    assert send(client, "post", reverse("api:participation-list"), data, supervisor).status_code == 403


def test_the_api_records_no_attendance_before_the_event_starts(client, officer):
    event = EventFactory()  # in March 2027
    person = PersonFactory()
    data = {"event": event.pk, "person": person.pk, "status": "attended"}
    response = send(client, "post", reverse("api:participation-list"), data, officer)
    assert response.status_code == 400
    assert "once the event has started" in response.json()["status"][0]
    assert not event.participations.exists()
    participation = ParticipationFactory(event=event, status="registered")
    url = reverse("api:participation-detail", args=[participation.pk])
    response = send(client, "patch", url, {"status": "no_show"}, officer)
    assert response.status_code == 400 and "once the event has started" in response.json()["status"][0]
    participation.refresh_from_db()
    assert participation.status == "registered"

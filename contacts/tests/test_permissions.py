"""Supervisors read and export; every URL that writes refuses them, on GET and on POST."""

from datetime import date

import pytest
from django.urls import reverse

from contacts.models import Affiliation, Interaction, Organisation, Person
from contacts.tests.factories import AffiliationFactory, ConsentFactory, InteractionFactory, PersonFactory

WRITE_URLS = [
    ("contacts:organisation_create", None),
    ("contacts:organisation_update", "organisation"),
    ("contacts:organisation_delete", "organisation"),
    ("contacts:organisation_log_interaction", "organisation"),
    ("contacts:person_create", None),
    ("contacts:person_update", "person"),
    ("contacts:person_delete", "person"),
    ("contacts:person_log_interaction", "person"),
    ("contacts:affiliation_create", "person"),
    ("contacts:affiliation_update", "affiliation"),
    ("contacts:affiliation_end", "affiliation"),
    ("contacts:affiliation_delete", "affiliation"),
    ("contacts:interaction_create", None),
    ("contacts:interaction_update", "interaction"),
    ("contacts:interaction_delete", "interaction"),
    ("contacts:interaction_follow_up_done", "interaction"),
]

POST_DATA = {
    "name": "Changed",
    "full_name": "Changed",
    "subject": "Changed",
    "kind": "meeting",
    "country": "MY",
    "consent_status": "given",
    "position": "Changed",
    "end_date": "2026-01-01",
    "occurred_at": "2026-01-01T10:00",
}


@pytest.fixture
def records(officer):
    affiliation = AffiliationFactory(person__full_name="Aminah Yusof", organisation__name="MBSA", position="Mayor")
    interaction = InteractionFactory(author=officer, subject="Kick-off")
    interaction.people.add(affiliation.person)
    return {
        "organisation": affiliation.organisation,
        "person": affiliation.person,
        "affiliation": affiliation,
        "interaction": interaction,
    }


def snapshot():
    return (
        list(Organisation.objects.values_list("name", flat=True)),
        list(Person.objects.values_list("full_name", flat=True)),
        list(Affiliation.objects.values_list("position", "is_current", "end_date")),
        list(Interaction.objects.values_list("subject", "follow_up_done")),
    )


@pytest.mark.parametrize(("name", "record"), WRITE_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_supervisor_gets_403_on_every_write_url_and_nothing_changes(supervisor_client, records, name, record, method):
    url = reverse(name, args=[records[record].pk] if record else [])
    before = snapshot()
    response = getattr(supervisor_client, method)(url, POST_DATA if method == "post" else None)
    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(("name", "record"), WRITE_URLS)
def test_user_without_a_role_gets_403_on_write_urls(client, outsider, records, name, record):
    client.force_login(outsider)
    url = reverse(name, args=[records[record].pk] if record else [])
    assert client.post(url, POST_DATA).status_code == 403


def test_supervisor_reads_and_exports_but_sees_no_edit_buttons(supervisor_client, records):
    person = records["person"]
    page = supervisor_client.get(person.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("contacts:person_update", args=[person.pk]) not in html
    assert "Log an interaction" not in html
    assert supervisor_client.get(reverse("contacts:person_list"), {"export": "csv"}).status_code == 200
    listing = supervisor_client.get(reverse("contacts:person_list")).content.decode()
    assert reverse("contacts:person_create") not in listing


def test_contactable_people_and_why_the_others_are_left_out(db):
    free = PersonFactory(consents=["invitations"])
    unknown = PersonFactory(consents=["newsletter"])  # a consent to another purpose is no consent to this one
    refused = PersonFactory(do_not_contact=True, consents=["invitations"])
    withdrawn = PersonFactory()
    ConsentFactory(person=withdrawn, date=date(2026, 1, 5))
    ConsentFactory(person=withdrawn, status="withdrawn", date=date(2026, 3, 2))
    assert set(Person.objects.contactable()) == {free, unknown, withdrawn}
    assert set(Person.objects.contactable(purpose="invitations")) == {free}
    assert set(Person.objects.contactable(purpose="newsletter")) == {unknown}
    assert free.contact_refusal("invitations") == ""
    assert unknown.contact_refusal("invitations") == "no consent recorded for Invitations to events"
    assert withdrawn.contact_refusal("invitations") == "withdrew consent for Invitations to events on 2 Mar 2026"
    assert refused.contact_refusal() == "asked not to be contacted"

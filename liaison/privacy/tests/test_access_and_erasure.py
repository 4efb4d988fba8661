"""The data subject's copy of their data, and the erasure that keeps the statistics (PDPA 2010)."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import login
from contacts.models import Affiliation, Interaction, Person
from contacts.tests.factories import (
    AffiliationFactory,
    ConsentFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
    purpose,
)
from events.models import Participation
from events.tests.factories import EventFactory, ParticipationFactory, TrainingFactory, kl
from liaison.audit.models import AuditEntry
from liaison.reference.models import State
from partnerships.models import Agreement
from partnerships.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db

NAME = "Zarina Quxley"
EMAIL = "zarina.quxley@example.org"


def logged_in(user):
    client = Client()
    login(client, user)
    return client


@pytest.fixture
def selangor():
    return State.objects.get_or_create(
        iso_code="MY-10", defaults={"name": "Selangor", "name_ms": "Selangor", "kind": "state", "abbreviation": "SGR"}
    )[0]


@pytest.fixture
def subject(officer, other_officer, selangor):
    """A trained participant with a post, consents, interactions (one confidential by someone else) and history."""
    council = OrganisationFactory(name="Majlis Bandaraya Shah Alam", state=selangor)
    person = PersonFactory(
        full_name=NAME,
        email=EMAIL,
        gender=Person.Gender.FEMALE,
        notes=f"Met {NAME} in Shah Alam",
        mobile="+60123456789",
    )
    person.notes = f"{NAME} prefers e-mail"
    person.save()  # a second history row
    AffiliationFactory(person=person, organisation=council, position="Director of Planning")
    ConsentFactory(person=person, purpose=purpose("invitations"), source=f"Form signed by {NAME}")
    shared = InteractionFactory(subject=f"Coaching {NAME} on the VLR", notes=f"{NAME} and colleagues", author=officer)
    other = PersonFactory(full_name="Hafiz Other Person")
    shared.people.add(person, other)
    secret = InteractionFactory(subject="Confidential: budget dispute", confidential=True, author=other_officer)
    secret.people.add(person)
    mine = InteractionFactory(subject="Confidential: my own note", confidential=True, author=officer)
    mine.people.add(person)
    training = TrainingFactory(start=kl(date(2027, 3, 9)), title="GRPB training Selangor")
    ParticipationFactory(
        event=training, person=person, organisation=council, status=Participation.Status.ATTENDED, notes=f"{NAME} led"
    )
    ParticipationFactory(event=EventFactory(), person=person, status=Participation.Status.REGISTERED)
    return person


def archive_of(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))


def test_access_zip_holds_everything_about_the_person_and_nothing_about_others(subject, officer):
    response = logged_in(officer).get(reverse("contacts:person_data_export", args=[subject.pk]))
    archive = archive_of(response)
    assert {"data.json", "summary.html", "person.csv", "posts.csv", "consents.csv", "interactions.csv"} <= set(
        archive.namelist()
    )
    data = json.loads(archive.read("data.json"))
    assert data["person"][0]["full_name"] == NAME and data["person"][0]["email"] == EMAIL
    assert [post["position"] for post in data["posts"]] == ["Director of Planning"]
    assert [(c["purpose"], c["status"]) for c in data["consents"]] == [("invitations", "given")]
    assert sorted(i["subject"] for i in data["interactions"]) == [
        "Coaching Zarina Quxley on the VLR",
        "Confidential: my own note",
    ]
    assert sorted(p["status"] for p in data["participations"]) == ["attended", "registered"]
    assert len(data["history"]) == 2
    everything = archive.read("data.json").decode() + "".join(archive.read(n).decode() for n in archive.namelist())
    assert "Hafiz Other Person" not in everything
    assert "budget dispute" not in everything
    assert "Director of Planning" in archive.read("posts.csv").decode()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PERSON_EXPORT)
    assert (entry.user, entry.target) == (officer, f"person #{subject.pk}")


def test_a_second_export_lists_the_first_among_the_disclosures(subject, officer):
    client = logged_in(officer)
    client.get(reverse("contacts:person_data_export", args=[subject.pk]))
    data = json.loads(
        archive_of(client.get(reverse("contacts:person_data_export", args=[subject.pk]))).read("data.json")
    )
    assert [d["by"] for d in data["disclosures"]] == ["officer"]


def test_the_summary_is_in_the_language_the_person_prefers(subject, officer):
    Person.objects.filter(pk=subject.pk).update(preferred_language="Bahasa Malaysia")
    archive = archive_of(logged_in(officer).get(reverse("contacts:person_data_export", args=[subject.pk])))
    summary = archive.read("summary.html").decode()
    # Rendered with Malay active: the page says so and reads Malay (times on the 24-hour clock in both languages).
    assert 'lang="ms"' in summary and "Data peribadi yang disimpan tentang anda" in summary


def test_supervisors_cannot_export_a_persons_data(subject, supervisor):
    response = logged_in(supervisor).get(reverse("contacts:person_data_export", args=[subject.pk]))
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.PERSON_EXPORT).exists()


def board(client):
    response = client.get(reverse("dashboard:dashboard") + "?period=custom&start=2027-01-01&end=2027-12-31")
    assert response.status_code == 200
    result = response.context["board"]
    return (
        [(table.key, [(str(row.label), row.values) for row in table.rows]) for table in result.tables],
        [(item.key, item.count) for item in result.attention],
        [(str(coverage.label), coverage.counts) for coverage in result.coverage],
    )


def rows_mentioning(*needles):
    """(table, column) of every text column in the database holding one of `needles`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
        )
        columns = cursor.fetchall()
        found = []
        for table, column in columns:
            for needle in needles:
                cursor.execute(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',  # noqa: S608 (names from the catalogue)
                    [f"%{needle}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column, needle))
    return found


def test_erasure_keeps_every_dashboard_figure_and_leaves_no_trace(subject, officer, supervisor):
    reading = logged_in(supervisor)
    before = board(reading)
    assert rows_mentioning("Quxley")  # the scan finds the person before the erasure
    client = logged_in(officer)
    page = client.get(reverse("contacts:person_erase", args=[subject.pk]))
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    response = client.post(reverse("contacts:person_erase", args=[subject.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert board(reading) == before
    assert rows_mentioning("Quxley", EMAIL, "+60123456789") == []
    erased = Person.objects.get(pk=subject.pk)
    assert erased.erased_at is not None and erased.gender == Person.Gender.FEMALE
    assert str(erased) == f"Erased person #{subject.pk}"
    assert Affiliation.objects.get(person=erased).organisation.name == "Majlis Bandaraya Shah Alam"
    assert Participation.objects.filter(person=erased).count() == 2
    assert Interaction.objects.filter(people=erased).count() == 3
    assert not erased.consents.exists()
    assert Interaction.objects.get(subject__startswith="Coaching").subject == "Coaching […] on the VLR"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PERSON_ERASURE)
    assert (entry.user, entry.target) == (officer, f"person #{subject.pk}")


def test_an_erased_person_is_in_no_list_search_or_contact_list(subject, officer):
    client = logged_in(officer)
    client.post(reverse("contacts:person_erase", args=[subject.pk]), {"confirm": "on"})
    assert subject.pk not in [p.pk for p in client.get(reverse("contacts:person_list")).context["object_list"]]
    export = client.get(reverse("contacts:person_list") + "?export=csv")
    assert f"Erased person #{subject.pk}" not in b"".join(export.streaming_content).decode()
    assert not Person.objects.contactable().filter(pk=subject.pk).exists()
    assert client.get(reverse("contacts:person_update", args=[subject.pk])).status_code == 404
    assert client.get(reverse("contacts:person_data_export", args=[subject.pk])).status_code == 404
    again = client.post(reverse("contacts:person_erase", args=[subject.pk]), {"confirm": "on"})
    assert again.status_code == 409 and "already been erased" in again.content.decode()
    page = client.get(subject.get_absolute_url())
    assert page.status_code == 200 and f"Erased person #{subject.pk}" in page.content.decode()


def test_erasure_needs_the_confirmation(subject, officer):
    response = logged_in(officer).post(reverse("contacts:person_erase", args=[subject.pk]), {})
    assert response.status_code == 200 and "Tick the box" in response.content.decode()
    assert Person.objects.get(pk=subject.pk).erased_at is None


def test_supervisors_cannot_erase(subject, supervisor):
    assert (
        logged_in(supervisor).post(reverse("contacts:person_erase", args=[subject.pk]), {"confirm": "on"}).status_code
        == 403
    )
    assert Person.objects.get(pk=subject.pk).erased_at is None


def test_the_only_contact_of_an_agreement_in_force_is_not_erased(officer):
    council = OrganisationFactory()
    person = AffiliationFactory(organisation=council).person
    agreement = AgreementFactory(status=Agreement.Status.ACTIVE, signed_date=date(2026, 1, 5))
    agreement.parties.add(council)
    client = logged_in(officer)
    assert "only contact" in client.get(reverse("contacts:person_erase", args=[person.pk])).content.decode()
    response = client.post(reverse("contacts:person_erase", args=[person.pk]), {"confirm": "on"})
    assert response.status_code == 409 and "only contact" in response.content.decode()
    assert Person.objects.get(pk=person.pk).erased_at is None
    AffiliationFactory(organisation=council)  # a second contact there: now the person may go
    assert client.post(reverse("contacts:person_erase", args=[person.pk]), {"confirm": "on"}).status_code == 302


def test_reading_a_confidential_interaction_is_audited(officer, supervisor):
    secret = InteractionFactory(confidential=True, author=officer)
    plain = InteractionFactory(author=officer)
    client = logged_in(supervisor)
    assert client.get(secret.get_absolute_url()).status_code == 200
    assert client.get(plain.get_absolute_url()).status_code == 200
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.CONFIDENTIAL_VIEW)
    assert [(e.user, e.target) for e in entries] == [(supervisor, f"interaction #{secret.pk}")]

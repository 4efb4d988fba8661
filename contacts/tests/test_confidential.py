"""A confidential interaction exists only for its author, supervisors and administrators."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import login
from contacts.tests.factories import AffiliationFactory, InteractionFactory

SECRET = "Ministry position on council upgrades"


@pytest.fixture
def secret(officer):
    post = AffiliationFactory()
    interaction = InteractionFactory(author=officer, subject=SECRET, confidential=True)
    interaction.people.add(post.person)
    interaction.organisations.add(post.organisation)
    open_one = InteractionFactory(author=officer, subject="Kick-off of the VLR")
    open_one.people.add(post.person)
    open_one.organisations.add(post.organisation)
    return interaction


def everything_seen_by(client, interaction):
    """The text of every place the interaction could show up."""
    person, organisation = interaction.people.get(), interaction.organisations.get()
    lists = reverse("contacts:interaction_list")
    pages = [
        client.get(lists),
        client.get(lists, {"q": "ministry"}),
        client.get(lists, {"export": "csv"}),
        client.get(person.get_absolute_url()),
        client.get(organisation.get_absolute_url()),
        client.get(reverse("contacts:interaction_list"), {"person": person.pk}),
    ]
    texts = [b"".join(p.streaming_content).decode() if p.streaming else p.content.decode() for p in pages]
    workbook = load_workbook(BytesIO(client.get(lists, {"export": "xlsx"}).content))
    texts.append(" ".join(str(c.value) for row in workbook.active.iter_rows() for c in row))
    return texts


def test_another_officer_cannot_see_a_confidential_interaction_anywhere(client, other_officer, secret):
    login(client, other_officer)
    for text in everything_seen_by(client, secret):
        assert SECRET not in text
    assert "Kick-off of the VLR" in everything_seen_by(client, secret)[0]
    for name in ("contacts:interaction_detail", "contacts:interaction_update", "contacts:interaction_delete"):
        assert client.get(reverse(name, args=[secret.pk])).status_code == 404
    assert client.post(reverse("contacts:interaction_delete", args=[secret.pk])).status_code == 404
    secret.refresh_from_db()  # still there


@pytest.mark.parametrize("who", ["officer", "supervisor", "administrator"])
def test_author_supervisor_and_administrator_see_it_everywhere(client, request, secret, who):
    login(client, request.getfixturevalue(who))
    texts = everything_seen_by(client, secret)
    assert all(SECRET in text for text in texts)
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_confidential_interaction_logged_from_a_page_stays_hidden_from_colleagues(client, officer, other_officer):
    person = AffiliationFactory().person
    login(client, officer)
    client.post(
        reverse("contacts:person_log_interaction", args=[person.pk]),
        {"occurred_at": "2026-11-20T10:00", "kind": "call", "subject": SECRET, "confidential": "on"},
    )
    assert SECRET in client.get(person.get_absolute_url()).content.decode()
    login(client, other_officer)
    assert SECRET not in client.get(person.get_absolute_url()).content.decode()

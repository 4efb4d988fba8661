"""Create forms are saved once: a double click, a resend or two requests at the same moment make one record."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from contacts.models import Person
from liaison.web.models import Submission
from partnerships.models import Partnership
from partnerships.tests.test_views_partnership import partnership_form

PERSON_CREATE = reverse("contacts:person_create")


def person_data(full_name, **fields):
    return {"full_name": full_name, "country": "MY", **fields}


def key_on(page) -> str:
    match = re.search(r'name="submission" value="([0-9a-f]{32})"', page.content.decode())
    assert match, "the create form carries its one-time key"
    return match.group(1)


def test_the_same_create_form_sent_twice_saves_one_person_and_leads_to_it(officer_client):
    key = key_on(officer_client.get(PERSON_CREATE))
    data = person_data("Nurul Izzah binti Kamal", email="nurul@mbsa.gov.my", submission=key)

    first = officer_client.post(PERSON_CREATE, data)
    second = officer_client.post(PERSON_CREATE, data, follow=True)

    person = Person.objects.get()
    assert first["Location"] == person.get_absolute_url()
    assert second.redirect_chain[-1][0] == person.get_absolute_url()
    assert "already been saved" in second.content.decode()


def test_each_visit_of_the_create_page_has_its_own_key(officer_client):
    assert key_on(officer_client.get(PERSON_CREATE)) != key_on(officer_client.get(PERSON_CREATE))


def test_a_form_corrected_after_an_error_keeps_its_key_and_saves_once(officer_client):
    key = key_on(officer_client.get(PERSON_CREATE))

    refused = officer_client.post(PERSON_CREATE, person_data("", submission=key))
    assert refused.status_code == 200
    assert key_on(refused) == key  # shown again with the same key
    assert not Submission.objects.exists()  # the refused attempt holds nothing

    officer_client.post(PERSON_CREATE, person_data("Siti Aishah binti Omar", submission=key))
    officer_client.post(PERSON_CREATE, person_data("Siti Aishah binti Omar", submission=key))
    assert Person.objects.filter(full_name="Siti Aishah binti Omar").count() == 1


def test_a_malformed_key_is_ignored_not_an_error(officer_client):
    response = officer_client.post(PERSON_CREATE, person_data("Tan Mei Ling", submission="x'; DROP\x00"))
    assert response.status_code == 302
    assert Person.objects.filter(full_name="Tan Mei Ling").exists()


def test_a_partnership_with_its_partners_is_saved_once_too(officer_client):
    # The partnership pages save through a service, by another path than the generic form_valid.
    key = key_on(officer_client.get(reverse("partnerships:partnership_create")))
    data = partnership_form(submission=key)
    officer_client.post(reverse("partnerships:partnership_create"), data)
    officer_client.post(reverse("partnerships:partnership_create"), data)
    assert Partnership.objects.count() == 1


def test_another_users_key_does_not_lead_to_their_record(officer_client, other_officer):
    key = key_on(officer_client.get(PERSON_CREATE))
    officer_client.post(PERSON_CREATE, person_data("Lim Wei Jie", submission=key))

    other = Client()
    other.force_login(other_officer)
    response = other.post(PERSON_CREATE, person_data("Lim Wei Jie", submission=key))

    # Not sent to the first officer's record; nothing saved either (the key is taken).
    assert response["Location"] != Person.objects.get().get_absolute_url()
    assert Person.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_the_same_moment_make_one_record(officer):
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(officer)
    key = key_on(clients[0].get(PERSON_CREATE))
    data = person_data("Ahmad Faizal bin Hassan", submission=key)
    start, responses = threading.Barrier(2), []

    def send(client):
        try:
            start.wait()
            responses.append(client.post(PERSON_CREATE, data))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    person = Person.objects.get()
    assert sorted(response.status_code for response in responses) == [302, 302]
    assert {response["Location"] for response in responses} == {person.get_absolute_url()}

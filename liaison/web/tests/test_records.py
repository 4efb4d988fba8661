"""The generic record views: deleting a record that others depend on."""

from django.urls import reverse

from contacts.models import Person
from contacts.tests.factories import PersonFactory
from events.tests.factories import EventFactory, ParticipationFactory


def test_delete_page_names_the_records_that_block_the_deletion(officer_client):
    person = PersonFactory(full_name="Aminah binti Hassan")
    ParticipationFactory(person=person, event=EventFactory(title="Gender budgeting training"))

    body = officer_client.get(reverse("contacts:person_delete", args=[person.pk])).content.decode()

    assert "cannot be deleted while these records depend on it" in body
    assert "Gender budgeting training" in body
    assert 'type="submit" class="btn btn-danger"' not in body


def test_delete_page_of_a_free_record_asks_for_confirmation_and_deletes(officer_client):
    person = PersonFactory()
    url = reverse("contacts:person_delete", args=[person.pk])
    assert 'type="submit" class="btn btn-danger"' in officer_client.get(url).content.decode()
    officer_client.post(url)
    assert not Person.objects.filter(pk=person.pk).exists()

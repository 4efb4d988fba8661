"""Retention: who comes up for review, keeping them until a new date, erasing them in bulk, and the reminder."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import login
from contacts.models import Person
from contacts.reminders import RetentionReviewSource
from contacts.retention import add_years, due_for_review
from contacts.tests.factories import AffiliationFactory, InteractionFactory, OrganisationFactory, PersonFactory
from events.tests.factories import EventFactory, ParticipationFactory, kl
from partnerships.models import Agreement
from partnerships.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db

URL = reverse("contacts:retention_review")


def logged_in(user):
    client = Client()
    login(client, user)
    return client


def years_ago(years, days=0):
    return add_years(timezone.localdate(), -years) - timedelta(days=days)


def added(person, day):
    Person.objects.filter(pk=person.pk).update(created_at=kl(day))
    return person


@pytest.fixture
def people(officer):
    """Five people: review date passed, inactive, active by an interaction, by a participation, and new."""
    review_passed = PersonFactory(full_name="Review Passed", retention_review_date=timezone.localdate(), owner=officer)
    inactive = added(PersonFactory(full_name="Long Inactive", owner=officer), years_ago(9))
    old = InteractionFactory(occurred_at=kl(years_ago(6)))
    old.people.add(inactive)
    ParticipationFactory(person=inactive, event=EventFactory(start=kl(years_ago(5, days=3))))
    talked = added(PersonFactory(full_name="Recently Met"), years_ago(9))
    InteractionFactory(occurred_at=kl(years_ago(1))).people.add(talked)
    trained = added(PersonFactory(full_name="Recently Trained"), years_ago(9))
    ParticipationFactory(person=trained, event=EventFactory(start=kl(years_ago(4))))
    new = PersonFactory(full_name="Just Added")
    later = PersonFactory(full_name="Kept For Now", retention_review_date=timezone.localdate() + timedelta(days=1))
    added(later, years_ago(9))
    return {"review": review_passed, "inactive": inactive, "talked": talked, "trained": trained, "new": new}


def test_the_review_list_holds_those_past_their_review_date_or_inactive_for_the_years(people, officer, settings):
    settings.RETENTION_INACTIVE_YEARS = 5
    assert set(due_for_review().values_list("full_name", flat=True)) == {"Review Passed", "Long Inactive"}
    response = logged_in(officer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Review Passed" in page and "Long Inactive" in page and "Recently Met" not in page
    reasons = {review.person.full_name: review for review in response.context["reviews"]}
    # Inactive since the last participation, five years and three days ago: due three days ago.
    assert reasons["Long Inactive"].due == add_years(years_ago(5, days=3), 5)
    assert "No activity since" in reasons["Long Inactive"].reason
    assert "has passed" in reasons["Review Passed"].reason
    settings.RETENTION_INACTIVE_YEARS = 6
    assert set(due_for_review().values_list("full_name", flat=True)) == {"Review Passed"}


def test_keeping_sets_the_next_review_date_and_takes_them_off_the_list(people, officer):
    client = logged_in(officer)
    until = timezone.localdate() + timedelta(days=400)
    ticked = [people["review"].pk, people["inactive"].pk]
    response = client.post(URL, {"people": ticked, "action": "keep", "until": until.isoformat()})
    assert response.status_code == 302
    assert set(Person.objects.filter(pk__in=ticked).values_list("retention_review_date", flat=True)) == {until}
    assert not due_for_review().exists()
    assert Person.objects.get(pk=people["inactive"].pk).history.first().retention_review_date == until


def test_keeping_needs_a_date_after_today(people, officer):
    client = logged_in(officer)
    response = client.post(URL, {"people": [people["inactive"].pk], "action": "keep", "until": "2020-01-01"})
    assert response.status_code == 400 and "must be after today" in response.content.decode()
    response = client.post(URL, {"people": [people["inactive"].pk], "action": "keep"})
    assert response.status_code == 400 and "next review" in response.content.decode()
    response = client.post(URL, {"action": "keep", "until": "2099-01-01"})
    assert response.status_code == 400 and "Tick at least one person" in response.content.decode()
    assert Person.objects.get(pk=people["inactive"].pk).retention_review_date is None


def test_a_person_not_on_the_list_cannot_be_kept_or_erased_through_it(people, officer):
    response = logged_in(officer).post(URL, {"people": [people["talked"].pk], "action": "erase", "confirm": "on"})
    assert response.status_code == 400
    assert Person.objects.get(pk=people["talked"].pk).erased_at is None


def test_bulk_erasure_asks_for_confirmation_then_erases_each_and_reports_the_refused(people, officer):
    council = OrganisationFactory()
    AffiliationFactory(person=people["review"], organisation=council)
    AgreementFactory(status=Agreement.Status.ACTIVE, signed_date=date(2026, 1, 5)).parties.add(council)
    client = logged_in(officer)
    ticked = [people["review"].pk, people["inactive"].pk]
    confirmation = client.post(URL, {"people": ticked, "action": "erase"})
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert "cannot be undone" in page and "only contact" in page
    assert not Person.objects.filter(erased_at__isnull=False).exists()  # nothing erased before the confirmation
    response = client.post(URL, {"people": ticked, "action": "erase", "confirm": "on"})
    assert response.status_code == 302
    assert Person.objects.get(pk=people["inactive"].pk).erased_at is not None
    assert Person.objects.get(pk=people["review"].pk).erased_at is None  # refused: the agreement's only contact
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("1 person erased" in message for message in said)
    assert any("Review Passed was not erased" in message and "only contact" in message for message in said)


def test_supervisors_read_the_list_but_neither_keep_nor_erase(people, supervisor):
    client = logged_in(supervisor)
    response = client.get(URL)
    assert response.status_code == 200 and "Long Inactive" in response.content.decode()
    assert 'value="erase"' not in response.content.decode()
    pk = people["inactive"].pk
    assert client.post(URL, {"people": [pk], "action": "erase", "confirm": "on"}).status_code == 403
    assert client.post(URL, {"people": [pk], "action": "keep", "until": "2099-01-01"}).status_code == 403
    assert Person.objects.get(pk=pk).erased_at is None and Person.objects.get(pk=pk).retention_review_date is None


def test_the_owner_is_reminded_of_each_review_until_the_person_is_kept(people, officer, other_officer):
    source = RetentionReviewSource()
    today = timezone.localdate()
    window = (today - timedelta(days=10), today + timedelta(days=30))
    items = {item.obj.full_name: item for item in source.items(*window)}
    assert set(items) == {"Review Passed", "Long Inactive"}  # the others have no owner or are not due
    assert items["Long Inactive"].due_on == today - timedelta(days=3)
    assert items["Long Inactive"].recipients == (officer,)
    assert str(items["Long Inactive"].title) == "Retention review: Long Inactive"
    assert {item.obj.pk for item in source.items_for(officer, *window)} == {people["review"].pk, people["inactive"].pk}
    assert source.items_for(other_officer, *window) == []
    assert source.is_still_due(people["inactive"].pk, today - timedelta(days=3))
    logged_in(officer).post(
        URL, {"people": [people["inactive"].pk], "action": "keep", "until": (today + timedelta(days=90)).isoformat()}
    )
    assert not source.is_still_due(people["inactive"].pk, today - timedelta(days=3))
    # Kept until a date: reminded again on that date.
    assert [item.obj.pk for item in source.items(today + timedelta(days=90), today + timedelta(days=90))] == [
        people["inactive"].pk
    ]

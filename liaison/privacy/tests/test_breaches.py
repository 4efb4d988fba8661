"""The breach register: administrators record an incident, see its two deadlines, and are reminded of both."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import login, make_user
from liaison.privacy.models import Breach
from liaison.privacy.reminders import CommissionerNotificationSource, PeopleNotificationSource
from liaison.web.roles import ADMINISTRATOR, OFFICER

pytestmark = pytest.mark.django_db


@pytest.fixture
def root():
    return make_user("root", ADMINISTRATOR, is_staff=True)


@pytest.fixture
def admin_client(client, root):
    login(client, root)
    return client


def found(days_ago=0, hours_ago=0):
    return timezone.now() - timedelta(days=days_ago, hours=hours_ago)


def test_an_administrator_records_a_breach_and_reads_both_deadlines(admin_client, root):
    found_at = timezone.localtime(found(hours_ago=5)).replace(second=0, microsecond=0)
    response = admin_client.post(
        reverse("admin:privacy_breach_add"),
        {
            "found_at_0": found_at.date().isoformat(),
            "found_at_1": found_at.strftime("%H:%M:%S"),
            "title": "Laptop with the contacts list stolen",
            "scale": Breach.Scale.SIGNIFICANT,
            "affected_count": 240,
            "affected_data": "Council officers: names, e-mails, phones",
            "harm_assessment": "Phishing likely",
            "notify_people": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    breach = Breach.objects.get()
    assert (breach.recorded_by, breach.affected_count, breach.found_at) == (root, 240, found_at)
    assert breach.commissioner_deadline == found_at + timedelta(hours=72)
    assert breach.people_deadline == found_at + timedelta(days=7)
    page = admin_client.get(reverse("admin:privacy_breach_change", args=[breach.pk])).content.decode().lower()
    assert "notify the commissioner by (72 hours)" in page and "notify the people affected by (7 days)" in page
    assert page.count("not notified yet") == 2


def test_a_notification_before_the_breach_was_found_is_refused(admin_client):
    found_at = timezone.localtime(found(hours_ago=5))
    earlier = found_at - timedelta(days=1)
    response = admin_client.post(
        reverse("admin:privacy_breach_add"),
        {
            "found_at_0": found_at.date().isoformat(),
            "found_at_1": found_at.strftime("%H:%M:%S"),
            "title": "E-mail sent to the wrong list",
            "scale": Breach.Scale.LIMITED,
            "affected_count": 3,
            "commissioner_notified_at_0": earlier.date().isoformat(),
            "commissioner_notified_at_1": earlier.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200
    assert "cannot come before the breach was found" in response.content.decode()
    assert not Breach.objects.exists()


def test_officers_have_no_way_into_the_register(client):
    login(client, make_user("amina", OFFICER))
    response = client.get(reverse("admin:privacy_breach_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def window(today=None):
    today = today or timezone.localdate()
    return today - timedelta(days=10), today + timedelta(days=30)


def test_both_deadlines_are_reminded_to_the_administrators_until_each_notification(root):
    make_user("amina", OFFICER)
    breach = Breach.objects.create(title="Laptop stolen", found_at=found(hours_ago=2), affected_count=10)
    commissioner, people = CommissionerNotificationSource(), PeopleNotificationSource()
    [to_commissioner] = commissioner.items(*window())
    assert to_commissioner.due == breach.found_at + timedelta(hours=72)
    assert to_commissioner.recipients == (root,)
    assert "Notify the Personal Data Protection Commissioner" in str(to_commissioner.title)
    [to_people] = people.items(*window())
    assert to_people.due == breach.found_at + timedelta(days=7)
    assert commissioner.is_still_due(breach.pk, to_commissioner.due_on)
    breach.commissioner_notified_at = timezone.now()
    breach.save()
    assert not commissioner.is_still_due(breach.pk, to_commissioner.due_on)
    assert people.is_still_due(breach.pk, to_people.due_on)
    breach.people_notified_at = timezone.now()
    breach.save()
    assert not people.is_still_due(breach.pk, to_people.due_on)


def test_no_reminder_to_tell_people_when_the_harm_does_not_call_for_it(root):
    Breach.objects.create(title="Misfiled form", found_at=found(days_ago=1), notify_people=False)
    assert list(PeopleNotificationSource().items(*window())) == []
    assert len(list(CommissionerNotificationSource().items(*window()))) == 1


def test_a_breach_found_long_before_the_window_is_not_in_it(root):
    Breach.objects.create(title="Old incident", found_at=timezone.make_aware(datetime(2020, 1, 1, 9)))
    assert list(CommissionerNotificationSource().items(*window())) == []

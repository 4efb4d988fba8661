"""The bell, the notification list, mark read, preferences, and the home page's reminders."""

import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.tests.factories import InteractionFactory
from liaison.reminders.models import Notification, NotificationPreference, Reminder
from liaison.reminders.sweep import sweep
from liaison.reminders.tests.conftest import kl


def notify(user, count=1, **extra):
    return [Notification.objects.create(user=user, title=f"Deadline {n}", url="/r/1/", **extra) for n in range(count)]


def test_the_bell_shows_the_unread_count(officer_client, officer, other_officer):
    notify(officer, 3)
    notify(officer, 1, read_at=timezone.now())
    notify(other_officer, 5)

    page = officer_client.get(reverse("home")).text

    assert 'id="notification-bell"' in page
    assert re.search(r'<span id="bell-count"[^>]*>3<', page)


def test_the_bell_stops_counting_past_99(officer_client, officer):
    Notification.objects.bulk_create(Notification(user=officer, title=f"Deadline {n}") for n in range(101))
    page = officer_client.get(reverse("home")).text
    assert re.search(r'<span id="bell-count"[^>]*>99\+<', page)


def test_the_bell_costs_one_query(officer_client, officer):
    notify(officer, 2)
    with CaptureQueriesContext(connection) as with_bell:
        officer_client.get(reverse("password_change"))
    unread_counts = [q["sql"] for q in with_bell.captured_queries if "reminders_notification" in q["sql"]]
    assert len(unread_counts) == 1


def test_the_list_shows_only_my_notifications_with_links(officer_client, officer, other_officer):
    mine = notify(officer, 2)
    Notification.objects.create(user=other_officer, title="Someone else's deadline")

    page = officer_client.get(reverse("reminders:notifications")).text

    for notification in mine:
        assert f'<a href="{reverse("reminders:notification_open", args=[notification.pk])}">Deadline' in page
    assert "Someone else" not in page


def test_the_list_does_not_grow_in_queries_with_its_rows(officer_client, officer):
    notify(officer, 5)
    with CaptureQueriesContext(connection) as five:
        officer_client.get(reverse("reminders:notifications"))
    notify(officer, 25)
    with CaptureQueriesContext(connection) as thirty:
        officer_client.get(reverse("reminders:notifications"))
    assert len(thirty) == len(five)


def test_mark_read_with_htmx_returns_the_row_and_the_new_count(officer_client, officer):
    first, _second = notify(officer, 2)

    response = officer_client.post(reverse("reminders:notification_read", args=[first.pk]), HTTP_HX_REQUEST="true")

    first.refresh_from_db()
    assert first.read_at is not None
    assert f'id="notification-{first.pk}"' in response.text
    assert "Mark read" not in response.text
    assert 'hx-swap-oob="true"' in response.text and ">1<" in response.text


def test_an_officer_cannot_mark_someone_elses_notification(officer_client, other_officer):
    (theirs,) = notify(other_officer)

    response = officer_client.post(reverse("reminders:notification_read", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_is_post_only(officer_client, officer):
    (mine,) = notify(officer)
    assert officer_client.get(reverse("reminders:notification_read", args=[mine.pk])).status_code == 405


def test_mark_all_read(officer_client, officer, other_officer):
    notify(officer, 3)
    notify(other_officer, 2)

    response = officer_client.post(reverse("reminders:notifications_read_all"), follow=True)

    assert "3 notifications marked read." in response.text
    assert Notification.objects.filter(user=officer).unread().count() == 0
    assert Notification.objects.filter(user=other_officer).unread().count() == 2


def test_mark_all_read_with_htmx_refreshes_the_page(officer_client, officer):
    notify(officer, 2)
    response = officer_client.post(reverse("reminders:notifications_read_all"), HTTP_HX_REQUEST="true")
    assert response.headers["HX-Refresh"] == "true"


# --- preferences ------------------------------------------------------------------------------


def test_the_default_is_a_digest_at_8(officer_client):
    page = officer_client.get(reverse("reminders:preferences")).text
    assert re.search(r'value="digest"\s+id="id_delivery_0" required checked', page)
    assert '<option value="8" selected>08:00</option>' in page


def test_choosing_immediate_e_mails_moves_waiting_reminders_to_now(deadlines, officer, officer_client):
    deadlines.add(timezone.localdate() + timedelta(days=7), officer)
    sweep()
    waiting = Reminder.objects.get()
    assert waiting.state == "pending" and waiting.delivery.due_at > timezone.now()

    response = officer_client.post(
        reverse("reminders:preferences"), {"delivery": "immediate", "digest_hour": "8", "language": "ms"}
    )

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=officer)
    assert (preference.delivery, preference.language) == ("immediate", "ms")
    waiting.refresh_from_db()
    assert waiting.delivery.kind == "reminder" and waiting.delivery.due_at <= timezone.now()


def test_bad_preferences_are_refused_with_a_message(officer_client, officer):
    response = officer_client.post(
        reverse("reminders:preferences"), {"delivery": "sometimes", "digest_hour": "25", "language": "fr"}
    )

    assert response.status_code == 200
    assert response.text.count("Select a valid choice.") == 3
    assert not NotificationPreference.objects.exists()


def test_the_next_digest_is_at_the_chosen_local_hour(officer):
    preference = NotificationPreference(user=officer, digest_hour=8)
    assert preference.next_digest_at(kl(2027, 3, 9, 7, 59)) == kl(2027, 3, 9, 8, 0)
    assert preference.next_digest_at(kl(2027, 3, 9, 8, 0)) == kl(2027, 3, 9, 8, 0)
    assert preference.next_digest_at(kl(2027, 3, 9, 23, 30)) == kl(2027, 3, 10, 8, 0)


# --- the home page ----------------------------------------------------------------------------


def test_the_home_page_shows_my_upcoming_reminders_and_overdue_follow_ups(officer_client, officer, other_officer):
    today = timezone.localdate()
    InteractionFactory(subject="Send the MoU draft", author=officer, follow_up_date=today + timedelta(days=3))
    InteractionFactory(subject="Call back the mayor", author=officer, follow_up_date=today - timedelta(days=4))
    InteractionFactory(
        subject="Already done", author=officer, follow_up_date=today - timedelta(days=2), follow_up_done=True
    )
    InteractionFactory(subject="Not mine", author=other_officer, follow_up_date=today + timedelta(days=1))

    page = officer_client.get(reverse("home")).text

    upcoming, overdue = page.split("Due in the next 14 days")[1].split("Overdue")
    assert "Follow up: Send the MoU draft" in upcoming
    assert "Follow up: Call back the mayor" in overdue
    assert "Already done" not in page and "Not mine" not in page


def test_opening_a_notification_marks_it_read_and_follows_its_link(officer_client, officer):
    (notification,) = notify(officer)
    response = officer_client.get(reverse("reminders:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/r/1/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_notification_never_redirects_off_site(officer_client, officer):
    notification = Notification.objects.create(user=officer, title="Phishing", url="https://evil.example/")
    response = officer_client.get(reverse("reminders:notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("reminders:notifications")


def test_notifications_about_a_deleted_record_go_with_it(officer_client, officer):
    follow_up = InteractionFactory(author=officer, follow_up_date=timezone.localdate())
    sweep()
    assert Notification.objects.filter(user=officer).count() == 1
    follow_up.delete()
    sweep()
    assert Notification.objects.filter(user=officer).count() == 0

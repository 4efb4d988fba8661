"""The sweep: what is due, claimed once, counted in Malaysian dates."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection

from contacts.tests.factories import InteractionFactory
from liaison.reminders.models import Notification, NotificationPreference, Reminder, ReminderRule
from liaison.reminders.registry import DueItem
from liaison.reminders.sweep import reminder_claim, sweep
from liaison.reminders.tests.conftest import kl, prefer

NOW = kl(2027, 3, 9, 9, 0)  # a Tuesday morning in Kuala Lumpur


def test_it_reminds_the_owner_once_seven_days_before(deadlines, immediate_officer):
    deadlines.add(date(2027, 3, 16), immediate_officer)

    first = sweep(NOW)
    again = sweep(NOW + timedelta(minutes=5))

    reminder = Reminder.objects.get()
    assert (reminder.offset, reminder.state, reminder.recipient) == (7, "sent", immediate_officer)
    assert first.sent == 1 and again.claimed == again.sent == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [immediate_officer.email]
    assert "Due in 7 days: Deadline: UNDP call for proposals" in mail.outbox[0].subject
    assert Notification.objects.get(user=immediate_officer).title == "Due in 7 days: Deadline: UNDP call for proposals"


def test_it_claims_a_reminder_only_once(deadlines, officer):
    record = deadlines.add(date(2027, 3, 16), officer)
    item = DueItem(obj=record, due=date(2027, 3, 16), recipients=(officer,), title="Deadline", url="")
    preference = NotificationPreference(user=officer)

    def claim():
        return reminder_claim(
            source_key=deadlines.key, item=item, offset=7, recipient=officer, preference=preference, now=NOW
        )

    assert claim() is not None
    assert claim() is None
    assert Reminder.objects.count() == 1
    assert Notification.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_one_reminder(deadlines, officer):
    prefer(officer)
    for number in range(20):
        deadlines.add(date(2027, 3, 16), officer, name=f"Call {number}")
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            sweep(NOW)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    assert Reminder.objects.filter(state="sent").count() == 20
    assert Notification.objects.count() == 20
    assert len(mail.outbox) == 20
    assert len({message.subject for message in mail.outbox}) == 20


def test_a_missed_week_sends_the_latest_reminder_once_not_a_burst(deadlines, immediate_officer):
    deadlines.add(date(2027, 3, 14), immediate_officer)  # 5 days ahead: 30, 14 and 7 all crossed

    sweep(NOW)
    sweep(NOW + timedelta(days=1))  # 4 days ahead: nothing new
    sweep(NOW + timedelta(days=2))  # 3 days ahead: the 3-day reminder

    assert list(Reminder.objects.order_by("offset").values_list("offset", flat=True)) == [3, 7]
    assert [m.subject.split("] ")[1].split(":")[0] for m in mail.outbox] == ["Due in 5 days", "Due in 3 days"]


def test_overdue_is_reminded_once(deadlines, immediate_officer):
    deadlines.add(date(2027, 3, 8), immediate_officer)

    sweep(NOW)
    sweep(NOW + timedelta(days=3))

    reminder = Reminder.objects.get()
    assert reminder.offset == Reminder.OVERDUE
    assert mail.outbox[0].subject.startswith("[Liaison] Overdue since")


def test_a_deadline_passed_earlier_today_is_overdue(deadlines, immediate_officer):
    deadlines.add(kl(2027, 3, 9, 8, 0), immediate_officer)

    sweep(NOW)

    assert Reminder.objects.get().offset == Reminder.OVERDUE


@pytest.mark.parametrize(
    ("now", "due", "offset"),
    [
        # 23:59 in Kuala Lumpur is 15:59 UTC: still the 8th locally, 8 days before → the 14-day reminder.
        (kl(2027, 3, 8, 23, 59), date(2027, 3, 16), 14),
        # One minute later it is the 9th in Kuala Lumpur but still the 8th in UTC: 7 days before.
        (kl(2027, 3, 9, 0, 0), date(2027, 3, 16), 7),
        (kl(2027, 3, 9, 7, 59), date(2027, 3, 16), 7),
        # A deadline at 00:30 on the 16th is on the 15th in UTC; counted by its Malaysian date.
        (kl(2027, 3, 9, 0, 5), kl(2027, 3, 16, 0, 30), 7),
        (kl(2027, 3, 8, 23, 55), kl(2027, 3, 16, 0, 30), 14),
        # Across the end of February in a leap year: 29 Feb counts as a day.
        (kl(2028, 2, 22, 12, 0), date(2028, 2, 29), 7),
        (kl(2028, 2, 22, 12, 0), date(2028, 3, 1), 14),
        (kl(2028, 2, 29, 23, 59), date(2028, 3, 1), 1),
    ],
)
def test_offsets_are_counted_in_malaysian_dates(deadlines, officer, now, due, offset):
    deadlines.add(due, officer)

    sweep(now)

    assert Reminder.objects.get().offset == offset


def test_moving_the_deadline_reminds_of_the_new_date(deadlines, immediate_officer):
    record = deadlines.add(date(2027, 3, 16), immediate_officer)
    sweep(NOW)

    deadlines.due[record] = (date(2027, 3, 12), (immediate_officer,))
    sweep(NOW + timedelta(hours=1))

    assert sorted(Reminder.objects.values_list("due_on", "offset")) == [(date(2027, 3, 12), 3), (date(2027, 3, 16), 7)]
    assert len(mail.outbox) == 2


def test_withdrawing_stops_reminders_and_cancels_waiting_ones(deadlines, officer):
    record = deadlines.add(date(2027, 3, 16), officer)  # digest at 08:00 by default
    sweep(NOW)
    assert Reminder.objects.get().state == "pending"

    del deadlines.due[record]
    sweep(kl(2027, 3, 10, 8, 0))

    assert Reminder.objects.get().state == "cancelled"
    assert Reminder.objects.count() == 1
    assert mail.outbox == []


def test_the_rule_set_by_an_administrator_replaces_the_defaults(deadlines, immediate_officer):
    deadlines.add(date(2027, 3, 19), immediate_officer)  # 10 days ahead
    sweep(NOW - timedelta(days=30))  # creates the rules with their defaults
    rule = ReminderRule.objects.get(source_key=deadlines.key)
    assert rule.offsets == "30,14,7,3,1,0"

    rule.offsets = "10, 2"
    rule.save()
    sweep(NOW)

    assert Reminder.objects.get().offset == 10


def test_an_inactive_rule_sends_nothing(deadlines, immediate_officer):
    deadlines.add(date(2027, 3, 16), immediate_officer)
    ReminderRule.objects.create(source_key=deadlines.key, active=False)

    sweep(NOW)

    assert not Reminder.objects.exists()


def test_records_without_an_owner_or_too_far_ahead_are_left_alone(deadlines, officer):
    deadlines.add(date(2027, 3, 16), None)
    deadlines.add(date(2027, 6, 1), officer)

    assert sweep(NOW).claimed == 0


def test_interaction_follow_ups_remind_their_author(immediate_officer, other_officer):
    interaction = InteractionFactory(
        subject="Send the VLR draft", author=immediate_officer, follow_up_date=date(2027, 3, 10)
    )
    InteractionFactory(author=other_officer, follow_up_date=date(2027, 3, 10), follow_up_done=True)

    sweep(NOW)

    reminder = Reminder.objects.get()
    assert (reminder.source, reminder.object_id, reminder.offset) == ("contacts.follow_up", interaction.pk, 1)
    assert mail.outbox[0].subject == "[Liaison] Due tomorrow: Follow up: Send the VLR draft"


def test_a_broken_source_does_not_stop_the_others(deadlines, immediate_officer, caplog):
    from liaison.reminders.registry import ReminderSource, registry

    class BrokenSource(ReminderSource):
        key = "tests.broken"

        def items(self, start, end):
            raise RuntimeError("no such column")

    with registry.added(BrokenSource()):
        deadlines.add(date(2027, 3, 16), immediate_officer)
        result = sweep(NOW)

    assert result.errors == ["tests.broken"]
    assert "reminder source tests.broken failed" in caplog.text
    assert len(mail.outbox) == 1

"""The sweep's heartbeat: shown, and its silence alerts the administrators once."""

from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import login
from liaison.reminders.heartbeat import heartbeat_check
from liaison.reminders.models import Heartbeat
from liaison.reminders.sweep import sweep


def test_a_sweep_records_when_it_ran_and_how_long(db):
    sweep()
    beat = Heartbeat.objects.get()
    assert timezone.now() - beat.finished_at < timedelta(seconds=5)
    assert timedelta(0) <= beat.duration < timedelta(seconds=5)


def test_the_dashboard_and_the_admin_say_when_reminders_were_last_checked(supervisor_client, administrator_client):
    sweep(timezone.now() - timedelta(minutes=2))

    assert "Reminders last checked 2 minutes ago." in supervisor_client.get(reverse("dashboard:dashboard")).text
    admin = administrator_client.get(reverse("admin:reminders_heartbeat_changelist")).text
    assert "Reminders last checked 2 minutes ago." in admin


def test_three_silent_intervals_alert_the_administrators_once(administrator, officer, settings):
    anonymous, administrator_client, officer_client = Client(), Client(), Client()
    login(administrator_client, administrator)
    login(officer_client, officer)
    settings.REMINDER_SWEEP_INTERVAL = 300
    sweep(timezone.now() - timedelta(minutes=14))
    heartbeat_check()
    assert mail.outbox == []  # 14 minutes: not yet three intervals
    assert anonymous.get(reverse("healthz")).json()["reminders"]["status"] == "ok"

    Heartbeat.objects.update(finished_at=timezone.now() - timedelta(minutes=16))
    health = anonymous.get(reverse("healthz")).json()
    page = administrator_client.get(reverse("home")).text
    administrator_client.get(reverse("home"))
    heartbeat_check()

    assert health["reminders"]["status"] == "stopped" and health["reminders"]["minutes_ago"] == 16
    assert [m.to for m in mail.outbox] == [[administrator.email]]
    assert "have not been checked for 16 minutes" in mail.outbox[0].subject
    assert "Reminders have stopped." in page and "Reminders last checked 16 minutes ago." in page
    assert "Reminders have stopped." not in officer_client.get(reverse("home")).text

    sweep()  # running again ends the silence; a later one alerts again
    assert "Reminders have stopped." not in administrator_client.get(reverse("home")).text
    Heartbeat.objects.update(finished_at=timezone.now() - timedelta(hours=1))
    heartbeat_check()
    assert len(mail.outbox) == 2

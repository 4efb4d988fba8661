"""End to end: a real Celery beat and worker, on Redis and PostgreSQL, deliver a reminder by themselves."""

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from contacts.tests.factories import InteractionFactory
from liaison.reminders.models import Reminder
from liaison.reminders.tests.conftest import prefer
from liaison.reminders.tests.test_reminders_broker import REDIS_TEST_URL

pytestmark = pytest.mark.django_db(transaction=True)


def celery(*arguments, env):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "liaison", *arguments, "--loglevel=WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return process.stdout.read().decode(errors="replace")


def fast_sweep(sweep_task):
    """The sweep every 2 seconds, not five minutes (the test would wait), on a schedule of its own: the one it
    shares with other periodic tasks stays as it is."""
    sweep_task.interval = IntervalSchedule.objects.create(every=2, period="seconds")
    sweep_task.save()


def test_beat_and_a_worker_deliver_a_reminder_due_tomorrow(officer, tmp_path):
    prefer(officer)
    InteractionFactory(
        subject="Confirm the APUF panel", author=officer, follow_up_date=timezone.localdate() + timedelta(days=1)
    )
    call_command("setup_periodic_tasks", verbosity=0)
    sweep_task = PeriodicTask.objects.get(task="liaison.reminders.tasks.sweep_reminders")
    fast_sweep(sweep_task)
    redis.Redis.from_url(REDIS_TEST_URL).delete("celery")

    outbox = tmp_path / "outbox"
    database = connection.settings_dict
    env = {
        **os.environ,
        # host and port as parameters: the embedded server's host is a socket directory.
        "DATABASE_URL": f"postgres://{database['USER']}@/{database['NAME']}?host={database['HOST']}&port={database['PORT']}",
        "REDIS_URL": REDIS_TEST_URL,
        "EMAIL_URL": f"filemail:///{outbox}",
        "CONN_MAX_AGE": "0",
    }
    worker = celery("worker", "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat", env=env)
    beat = celery("beat", f"--schedule={tmp_path / 'beat'}", "--pidfile=", env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(outbox.glob("*.log")):
            assert worker.poll() is None and beat.poll() is None, "a Celery process stopped"
            time.sleep(0.5)
    finally:
        logs = stop(beat) + stop(worker)

    messages = [path.read_text() for path in Path(outbox).glob("*.log")]
    assert len(messages) == 1, logs
    assert "Subject: [Liaison] Due tomorrow: Follow up: Confirm the APUF panel" in messages[0]
    assert f"To: {officer.email}" in messages[0]
    assert Reminder.objects.get().state == "sent"


def redis_server(port, tmp_path):
    """Our own Redis, on its own port: stopping it disturbs nobody else's."""
    server = subprocess.Popen(
        [
            shutil.which("redis-server"),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            client.ping()
            return server
        except redis.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not start")


def test_worker_and_beat_survive_a_redis_outage(officer, tmp_path):
    from liaison.reminders.tests.test_reminders_broker import closed_port

    port = closed_port()
    prefer(officer)
    call_command("setup_periodic_tasks", verbosity=0)
    sweep_task = PeriodicTask.objects.get(task="liaison.reminders.tasks.sweep_reminders")
    fast_sweep(sweep_task)
    outbox = tmp_path / "outbox"
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@/{database['NAME']}?host={database['HOST']}&port={database['PORT']}",
        "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "EMAIL_URL": f"filemail:///{outbox}",
        "CONN_MAX_AGE": "0",
    }
    server = redis_server(port, tmp_path)
    worker = celery("worker", "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat", env=env)
    beat = celery("beat", f"--schedule={tmp_path / 'beat'}", "--pidfile=", env=env)
    try:
        time.sleep(4)  # both connected and working
        server.terminate()
        server.wait()
        time.sleep(8)  # Redis away: they keep trying, they do not exit
        assert worker.poll() is None and beat.poll() is None, "a Celery process stopped during the outage"
        server = redis_server(port, tmp_path)
        InteractionFactory(subject="After the outage", author=officer, follow_up_date=timezone.localdate())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(outbox.glob("*.log")):
            assert worker.poll() is None and beat.poll() is None, "a Celery process stopped"
            time.sleep(0.5)
    finally:
        logs = stop(beat) + stop(worker)
        server.terminate()
        server.wait()

    assert len(list(outbox.glob("*.log"))) == 1, logs
    assert Reminder.objects.get().state == "sent"

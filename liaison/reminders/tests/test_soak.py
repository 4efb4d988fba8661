"""`make soak`: real Celery workers and beat, our own Redis, aiosmtpd, and faults injected while reminders go out.

Each scenario asserts from the database and the SMTP server's log: expected = delivered, 0 lost,
0 duplicates without a kill, duplicates ≤ kills. Bounded: about a minute a scenario. Skipped unless SOAK=1.
"""

import os
import signal
import time
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from contacts.tests.factories import InteractionFactory
from liaison.reminders.models import Reminder
from liaison.reminders.tests.conftest import prefer
from liaison.reminders.tests.smtp import SMTPServer
from liaison.reminders.tests.test_reminders_broker import closed_port
from liaison.reminders.tests.test_reminders_worker import celery, redis_server, stop

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Deselected from `make test` by the root conftest; `make soak` runs it (SOAK=1).
    pytest.mark.soak,
]
USERS, PER_USER = 4, 10
WORKER = ("worker", "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat")


@pytest.mark.parametrize("scenario", ["two workers, SIGKILL x3 while sending", "Redis stopped 8 s, restarted"])
def test_soak(scenario, django_user_model, tmp_path):
    users = [
        prefer(django_user_model.objects.create(username=f"s{n}", email=f"s{n}@example.org")) for n in range(USERS)
    ]
    for user in users:
        for n in range(PER_USER):
            InteractionFactory(subject=f"Follow up {n}", author=user, follow_up_date=timezone.localdate())
    call_command("setup_periodic_tasks", verbosity=0)
    sweep_task = PeriodicTask.objects.get(task="liaison.reminders.tasks.sweep_reminders")
    sweep_task.interval.every, sweep_task.interval.period = 2, "seconds"
    sweep_task.interval.save()

    smtp_server, redis_port = SMTPServer(), closed_port()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@/{database['NAME']}?host={database['HOST']}&port={database['PORT']}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "EMAIL_TIMEOUT": "2",
        "REMINDER_DELIVERY_LEASE": "8",
        "CONN_MAX_AGE": "0",
    }
    expected, kills, logs = USERS * PER_USER, 0, ""
    redis = redis_server(redis_port, tmp_path)
    with smtp_server as smtp:
        smtp.delay = 0.3  # a slow server: the run lasts long enough for the faults to land mid-send
        workers = [celery(*WORKER, env=env) for _ in range(2)]
        beat = celery("beat", f"--schedule={tmp_path / 'beat'}", "--pidfile=", env=env)
        try:
            started = time.monotonic()
            if scenario.startswith("two workers"):
                while kills < 3 and time.monotonic() - started < 60:
                    time.sleep(3)
                    victim = workers.pop(0)
                    os.killpg(victim.pid, signal.SIGKILL)
                    logs += stop(victim)
                    kills += 1
                    workers.append(celery(*WORKER, env=env))
            else:
                time.sleep(4)
                redis.terminate()
                redis.wait()
                time.sleep(8)
                assert all(p.poll() is None for p in [*workers, beat]), "a Celery process died with Redis"
                redis = redis_server(redis_port, tmp_path)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and len({m.message_id for m in smtp.received}) < expected:
                time.sleep(0.5)
            time.sleep(3)  # anything sent twice arrives meanwhile
        finally:
            for process in [beat, *workers]:
                logs += stop(process)
            redis.terminate()
            redis.wait()
        received = list(smtp.received)

    counts = Counter(message.message_id for message in received)
    delivered, duplicates = len(counts), len(received) - len(counts)
    lost = expected - Reminder.objects.filter(state="sent").count()
    print(f"\nSOAK | {scenario} | expected {expected} | delivered {delivered} | duplicates {duplicates} | lost {lost}")
    assert delivered == expected, logs[-3000:]
    assert lost == 0
    assert duplicates <= kills

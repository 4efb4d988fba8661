"""`make soak`: real Celery workers and beats, our own Redis, aiosmtpd, and faults injected while reminders go out.

Every scenario runs two beats and two workers (so two deliverers at every moment) and asserts
from the database and the SMTP server's log: expected = delivered, 0 lost, 0 duplicates without
a kill, duplicates ≤ kills, one digest per user per period. "Expected" is an independent SQL
count of what was due. Bounded: under a minute a scenario; the table of results is printed and
written to bench/results/soak.md. Deselected unless SOAK=1.
"""

import os
import signal
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from contacts.models import Interaction
from contacts.tests.factories import InteractionFactory
from liaison.celery import app as celery_app
from liaison.reminders.models import Delivery, Reminder
from liaison.reminders.sweep import sweep
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
EMAIL_TIMEOUT = 3  # seconds: what bounds the 90 s stall
LEASE = 15  # seconds: much longer than a send can take with EMAIL_TIMEOUT
RETRY_DELAYS = "2,3,5,8"  # seconds: the production back-off (5, 15, 45 min) would outlast the run
FAULT_SECONDS = 8  # how long greylisting and the 451 at DATA last
STALL = 90
RESULTS = Path(settings.BASE_DIR) / "bench" / "results" / "soak.md"
TABLE = []


@dataclass
class Run:
    """One scenario's processes and counters; the fault functions act on it while e-mails go out."""

    smtp: object
    env: dict
    tmp_path: Path
    redis_port: int
    redis: object = None
    workers: list = field(default_factory=list)
    beats: list = field(default_factory=list)
    kills: int = 0
    logs: str = ""
    started: float = field(default_factory=time.monotonic)

    def start(self):
        self.redis = redis_server(self.redis_port, self.tmp_path)
        self.workers = [celery(*WORKER, env=self.env) for _ in range(2)]
        self.beats = [
            celery("beat", f"--schedule={self.tmp_path / f'beat{n}'}", "--pidfile=", env=self.env) for n in range(2)
        ]
        self.started = time.monotonic()

    def alive(self):
        return all(process.poll() is None for process in [*self.workers, *self.beats])

    def stop(self):
        for process in [*self.beats, *self.workers]:
            self.logs += stop(process)
        if self.redis is not None:
            self.redis.terminate()
            self.redis.wait()

    def wait_for_sending(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.smtp.received and not self.smtp.refused:
            time.sleep(0.1)


# --- the faults --------------------------------------------------------------------------------


def no_fault(run, users):
    pass


def kill_workers(run, users):
    """SIGKILL a worker three times while it sends (and start another in its place)."""
    run.wait_for_sending()
    while run.kills < 3:
        time.sleep(1.5)
        victim = run.workers.pop(0)
        os.killpg(victim.pid, signal.SIGKILL)
        run.logs += stop(victim)
        run.kills += 1
        run.workers.append(celery(*WORKER, env=run.env))


def restart_redis(run, users):
    """Stop Redis for 10 s while e-mails go out, then start it again: nobody dies, sending resumes."""
    run.wait_for_sending()
    run.redis.terminate()
    run.redis.wait()
    time.sleep(10)
    assert run.alive(), "a Celery process died with Redis"
    run.redis = redis_server(run.redis_port, run.tmp_path)


def greylist_rcpt(run, users):
    """451 at RCPT for every address for a while, as a greylisting server does, then accepted."""
    run.smtp.rcpt_reply["*"] = "451 4.7.1 Greylisted, please try again later"
    run.wait_for_sending()
    time.sleep(FAULT_SECONDS)
    del run.smtp.rcpt_reply["*"]
    assert not run.smtp.received, "accepted while greylisted"


def refuse_data(run, users):
    run.smtp.data_reply["*"] = "451 4.3.0 Temporary local problem, try again"
    run.wait_for_sending()
    time.sleep(FAULT_SECONDS)
    del run.smtp.data_reply["*"]


def refuse_one_address(run, users):
    run.smtp.rcpt_reply[users[0].email] = "550 5.1.1 No such user here"


def slow_with_saves(run, users):
    """0.8 s a message; meanwhile records are saved (each save nudges a sweep) and new ones fall due."""
    run.wait_for_sending()
    for n in range(8):
        interaction = Interaction.objects.filter(author=users[n % len(users)]).order_by("pk")[n]
        interaction.notes = f"Edited while e-mails go out ({n})"
        interaction.save()
        InteractionFactory(subject=f"Saved during delivery {n}", author=users[n % len(users)], follow_up_date=today())
        time.sleep(1)


def stall_once(run, users):
    """One address's server stalls 90 s after DATA: that e-mail times out and is retried, the others go on."""
    run.smtp.stall[users[0].email] = STALL
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not run.smtp.stalled:
        time.sleep(0.1)
    del run.smtp.stall[users[0].email]  # the retry finds a server that answers
    assert run.smtp.stalled, "the stall never happened"


def digests_with_saves(run, users):
    """Two beats' sweeps and digest tasks deliver at once; new reminders claimed meanwhile wait for tomorrow's."""
    run.wait_for_sending()
    for n in range(4):
        tomorrow = today() + timedelta(days=1)  # (one due today would go at once: today's digest has gone)
        InteractionFactory(subject=f"Claimed during the digests {n}", author=users[n], follow_up_date=tomorrow)
        time.sleep(0.5)


@dataclass(frozen=True)
class Scenario:
    fault: object
    delay: float = 0.0  # seconds per message at the SMTP server
    users: int = USERS
    digest: bool = False


SCENARIOS = {
    "two beats, two workers": Scenario(no_fault),
    "SIGKILL x3 while sending": Scenario(kill_workers, delay=0.5),
    "Redis stopped 10 s, restarted": Scenario(restart_redis, delay=0.5),
    "451 at RCPT (greylisting 8 s)": Scenario(greylist_rcpt),
    "451 at DATA (8 s)": Scenario(refuse_data),
    "550 for one address": Scenario(refuse_one_address),
    "0.8 s a message, saves during delivery": Scenario(slow_with_saves, delay=0.8, users=5),
    "90 s stall after DATA": Scenario(stall_once),
    "digests, two deliverers": Scenario(digests_with_saves, delay=0.3, users=6, digest=True),
}


def today():
    return timezone.localdate()


@pytest.fixture
def publish_to(settings):
    """Point this process's Celery at a broker, for real (not eager), as the web processes do."""
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}

    def use(url):
        celery_app.conf.update(broker_url=url, task_always_eager=False)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    yield use
    celery_app.conf.update(saved)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_soak(name, django_user_model, tmp_path, publish_to):
    scenario = SCENARIOS[name]
    users = [
        prefer(
            django_user_model.objects.create(username=f"s{n}", email=f"s{n}@example.org"),
            delivery="digest" if scenario.digest else "immediate",
            digest_hour=timezone.localtime(timezone.now() - timedelta(hours=1)).hour,
        )
        for n in range(scenario.users)
    ]
    for user in users:
        for n in range(PER_USER):
            InteractionFactory(subject=f"{user.username} item {n}", author=user, follow_up_date=today())
    if scenario.digest:
        # Claimed two hours ago, so that each user's digest period (an hour ago) is due now.
        sweep(now=timezone.now() - timedelta(hours=2))
        assert Delivery.objects.filter(kind="digest").count() == len(users)
    _speed_up_beat()

    smtp_server, redis_port = SMTPServer(), closed_port()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@/{database['NAME']}?host={database['HOST']}&port={database['PORT']}",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
        "EMAIL_TIMEOUT": str(EMAIL_TIMEOUT),
        "REMINDER_DELIVERY_LEASE": str(LEASE),
        "REMINDER_RETRY_DELAYS": RETRY_DELAYS,
        "CONN_MAX_AGE": "0",
    }
    publish_to(env["REDIS_URL"])  # saves made here nudge the workers' sweeps through our Redis
    with smtp_server as smtp:
        smtp.delay = scenario.delay
        run = Run(smtp=smtp, env=env, tmp_path=tmp_path, redis_port=redis_port)
        try:
            run.start()
            scenario.fault(run, users)
            expected = _expected(users, scenario)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and len(_delivered(smtp, expected)) < len(expected):
                time.sleep(0.5)
            time.sleep(3)  # anything sent twice arrives meanwhile
            assert run.alive(), "a Celery process stopped"
            took = time.monotonic() - run.started
        finally:
            run.stop()
        received = list(smtp.received)

    counts = Counter(message.message_id for message in received)
    delivered = _delivered(smtp, expected)
    duplicates = sum(n - 1 for n in counts.values())
    lost = len(expected) - len(delivered)
    _report(name, len(expected), len(delivered), duplicates, lost, run.kills, took)
    assert set(counts) == set(expected), run.logs[-3000:]  # nothing unexpected was sent
    assert lost == 0, run.logs[-3000:]
    assert duplicates <= run.kills, run.logs[-3000:]
    sent = Delivery.objects.filter(state="sent")
    assert set(sent.values_list("message_id", flat=True)) == set(expected)  # the database agrees with the server
    assert not Reminder.objects.filter(delivery__message_id__in=expected).exclude(state="sent").exists()
    _scenario_checks(name, scenario, users, received, run, took)


def _speed_up_beat():
    call_command("setup_periodic_tasks", stdout=StringIO())
    for task in ("liaison.reminders.tasks.sweep_reminders", "liaison.reminders.tasks.deliver_digests"):
        periodic = PeriodicTask.objects.get(task=task)
        if periodic.interval is None:
            from django_celery_beat.models import IntervalSchedule

            periodic.crontab = None
            periodic.interval = IntervalSchedule.objects.create(every=2, period="seconds")
            periodic.save()
        else:
            periodic.interval.every, periodic.interval.period = 2, "seconds"
            periodic.interval.save()


def _expected(users, scenario):
    """Message-IDs of the e-mails that must arrive, from an independent SQL count of what was due."""
    refused = {users[0].pk} if _refuses_one(scenario) else set()
    if scenario.digest:
        # One digest per user for the period that is due now; reminders claimed later wait for the next one.
        due = Delivery.objects.filter(kind="digest", due_at__lte=timezone.now())
        return {d.message_id for d in due}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM contacts_interaction WHERE follow_up_date = %s AND NOT follow_up_done",
            [today()],
        )
        (due,) = cursor.fetchone()
    deadline = time.monotonic() + 30  # the workers claim what was saved last within a sweep or two
    while time.monotonic() < deadline and Delivery.objects.filter(kind="reminder").count() < due:
        time.sleep(0.5)
    deliveries = Delivery.objects.filter(kind="reminder")
    assert deliveries.count() == due, "a due reminder was never claimed"
    return set(deliveries.exclude(recipient__in=refused).values_list("message_id", flat=True))


def _refuses_one(scenario):
    return scenario.fault is refuse_one_address


def _delivered(smtp, expected):
    return {message.message_id for message in list(smtp.received)} & set(expected)


def _scenario_checks(name, scenario, users, received, run, took):
    if scenario.fault is refuse_one_address:
        refused = Reminder.objects.filter(recipient=users[0])
        assert refused.count() == PER_USER and set(refused.values_list("state", flat=True)) == {"failed"}
        assert set(Delivery.objects.filter(recipient=users[0]).values_list("reason", flat=True)) == {"address_refused"}
        assert not [m for m in received if m.to == users[0].email]
    if scenario.fault in (greylist_rcpt, refuse_data):
        assert Delivery.objects.filter(attempts__gt=1).exists(), "the fault never hit a delivery"
        assert not Delivery.objects.filter(state="failed").exists()
    if scenario.fault is stall_once:
        assert took < STALL, f"the stall held the run for {took:.0f} s"
        # The stalled e-mails (one, or one per worker if both met the stall) timed out and were sent again.
        retried = Delivery.objects.filter(recipient=users[0], attempts__gt=1)
        assert retried.exists() and set(retried.values_list("state", flat=True)) == {"sent"}
        assert not Delivery.objects.exclude(recipient=users[0]).filter(attempts__gt=1).exists()
    if scenario.fault is slow_with_saves:
        assert Reminder.objects.filter(title__startswith="Follow up: Saved during delivery").count() == 8
    if scenario.digest:
        per_user = Counter(message.to for message in received)
        assert per_user == {user.email: 1 for user in users}, per_user  # one digest per user per period
        for user in users:
            (digest,) = [message for message in received if message.to == user.email]
            for n in range(PER_USER):
                assert f"{user.username} item {n}" in digest.body
            assert "Claimed during the digests" not in digest.body
        later = Reminder.objects.filter(title__startswith="Follow up: Claimed during the digests")
        assert later.count() == 4
        assert set(later.values_list("state", "delivery__state")) == {("pending", "scheduled")}  # tomorrow's


def _report(name, expected, delivered, duplicates, lost, kills, took):
    TABLE.append((name, expected, delivered, duplicates, lost, kills, took))
    lines = [
        "| scenario | expected | delivered | duplicates | lost | kills | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *(f"| {row[0]} | {' | '.join(str(v) for v in row[1:6])} | {row[6]:.0f} |" for row in TABLE),
    ]
    print(f"\nSOAK | {name} | expected {expected} | delivered {delivered} | duplicates {duplicates} | lost {lost}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("# make soak\n\n" + "\n".join(lines) + "\n")

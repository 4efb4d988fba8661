"""The sweep's heartbeat: when it last ran and how long it took, so that its silence is noticed.

Every sweep records itself (one row). When none has run for three intervals, administrators are
alerted once per silence (an e-mail, and a banner while it lasts); `/healthz/` says so too. The
check runs where something still runs when beat or the workers are down: `/healthz/` (polled by
the load balancer or monitoring) and the pages administrators open.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.web.roles import ADMINISTRATOR

from .models import Heartbeat

logger = logging.getLogger(__name__)
SILENT_INTERVALS = 3


@dataclass(frozen=True)
class Pulse:
    last: datetime | None
    duration: timedelta | None
    now: datetime

    @property
    def minutes_ago(self) -> int | None:
        return None if self.last is None else max(0, int((self.now - self.last).total_seconds() // 60))

    @property
    def is_silent(self) -> bool:
        """No sweep for three intervals (a fresh install that never swept is not an outage)."""
        limit = timedelta(seconds=SILENT_INTERVALS * settings.REMINDER_SWEEP_INTERVAL)
        return self.last is not None and self.now - self.last > limit


def heartbeat_record(*, started: datetime, finished: datetime) -> None:
    """A sweep ran: record it, and end the silence (a later one alerts again)."""
    Heartbeat.objects.update_or_create(
        pk=1, defaults={"finished_at": finished, "duration": finished - started, "alerted_at": None}
    )


def pulse(now: datetime | None = None) -> Pulse:
    beat = Heartbeat.objects.filter(pk=1).first()
    return Pulse(last=beat and beat.finished_at, duration=beat and beat.duration, now=now or timezone.now())


def heartbeat_check(now: datetime | None = None) -> Pulse:
    """Alert the administrators once when the sweep has gone silent (healthchecks' conditional UPDATE)."""
    current = pulse(now)
    if current.is_silent and Heartbeat.objects.filter(pk=1, alerted_at__isnull=True).update(alerted_at=current.now):
        _alert(current)  # only the process whose UPDATE changed the row
    return current


def _alert(current: Pulse) -> None:
    administrators = get_user_model().objects.filter(is_active=True, groups__name=ADMINISTRATOR).exclude(email="")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[Liaison] Reminders have not been checked for %(minutes)d minutes") % {
            "minutes": current.minutes_ago
        }
        body = _(
            "The reminder sweep last ran at %(when)s. No reminder is sent while it is stopped: check that the "
            "Celery worker and beat (or the send_reminders cron job) are running."
        ) % {"when": timezone.localtime(current.last).strftime("%Y-%m-%d %H:%M")}
    try:
        send_mail(subject, body, None, sorted({user.email for user in administrators}))
    except Exception as error:  # the banner and /healthz/ still say it
        logger.warning("could not e-mail the reminder heartbeat alert: %s", error)

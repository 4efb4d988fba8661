"""Each create form is saved once, however many times it is sent.

The form page carries a one-time key (a hidden field). Saving inserts the key in the same transaction as the record:
a second request with the key — a double click, the browser's "resend", a retry after a slow answer — either finds it
already there or waits on its unique index until the first commits, and is sent to the record the first one made.
A request without a key (the API, scripts) is saved as before.
"""

import re
import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Submission

FIELD = "submission"
KEPT = timedelta(days=2)  # long enough for any resend; older keys are cleared as new ones come
_KEY = re.compile(r"^[0-9a-f]{32}$")


def new_key() -> str:
    return secrets.token_hex(16)


def key_from(request) -> str:
    """The key the form was sent with, or "" when it has none or a malformed one."""
    key = request.POST.get(FIELD, "")
    return key if _KEY.match(key) else ""


def earlier(key: str, user) -> Submission | None:
    return Submission.objects.filter(key=key, user=user).first() if key else None


def claim(key: str, user) -> Submission | None:
    """Take the key inside the current transaction; the earlier submission when another request took it first."""
    try:
        with transaction.atomic():
            return Submission.objects.create(key=key, user=user) and None
    except IntegrityError:
        return Submission.objects.filter(key=key).first()


def record(key: str, url: str) -> None:
    Submission.objects.filter(key=key).update(url=url)
    Submission.objects.filter(created_at__lt=timezone.now() - KEPT).delete()

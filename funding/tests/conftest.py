from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

KL = ZoneInfo("Asia/Kuala_Lumpur")


def kl(*args):
    """An aware date-time in Kuala Lumpur time."""
    return datetime(*args, tzinfo=KL)


@pytest.fixture
def freeze(monkeypatch):
    """freeze(moment) stops the clock at `moment` for timezone.now() and localdate()."""

    def _freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return _freeze

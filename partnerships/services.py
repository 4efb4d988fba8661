"""The one path for moving a partnership between stages and an agreement between statuses.

Forms, the board and the admin all go through these, so the stage history, the validation and
(later) the reminders stay consistent.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    Agreement,
    Partnership,
    StageChange,
    agreement_date_problems,
    agreement_status_problems,
    stage_problem,
)


def _locked(instance):
    """The row as it is now, locked until the transaction ends, so two moves do not interleave."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


@transaction.atomic
def partnership_change_stage(
    *, partnership: Partnership, stage: str, user, on: date | None = None
) -> StageChange | None:
    """Move `partnership` to `stage` on `on` (default today) and record the change; None if already there."""
    current = _locked(partnership)
    if current.stage == stage:
        return None
    problem = stage_problem(stage, current.end_date)
    if problem:
        raise ValidationError({"stage": problem})
    change = StageChange.objects.create(
        partnership=current,
        from_stage=current.stage,
        to_stage=stage,
        changed_on=on or timezone.localdate(),
        changed_by=user,
    )
    current.stage = stage
    current._history_user = user
    current.save(update_fields=["stage", "updated_at"])
    partnership.stage = stage
    return change


@transaction.atomic
def agreement_change_status(*, agreement: Agreement, status: str, user) -> bool:
    """Give `agreement` a new status, checked against its dates; False if it already had it."""
    current = _locked(agreement)
    problems = {
        **agreement_status_problems(current, status),
        **agreement_date_problems(current.effective_date, current.expiry_date, current.signed_date),
    }
    if problems:
        raise ValidationError(problems)
    if current.status == status:
        return False
    current.status = status
    current._history_user = user
    current.save(update_fields=["status", "updated_at"])
    agreement.status = status
    return True

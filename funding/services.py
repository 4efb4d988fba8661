"""The one path by which an opportunity changes status, with the rules each status brings."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FundingOpportunity

Status = FundingOpportunity.Status


def _check(opportunity: FundingOpportunity, status: str, now) -> None:
    errors = {}
    if status not in Status.values:
        errors["status"] = _("Choose a status from the list.")
    elif status == opportunity.status:
        errors["status"] = _("The opportunity is already %(status)s.") % {"status": opportunity.get_status_display()}
    elif status == Status.AWARDED:
        if opportunity.amount_awarded is None:
            errors["amount_awarded"] = _("An awarded opportunity needs the amount awarded.")
        if opportunity.decision_date is None:
            errors["decision_date"] = _("An awarded opportunity needs the date of the decision.")
    elif status == Status.MISSED and (opportunity.deadline is None or opportunity.deadline > now):
        errors["status"] = _("An opportunity can be marked missed only after its deadline has passed.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def opportunity_change_status(
    *,
    opportunity: FundingOpportunity,
    status: str,
    user,
    amount_awarded: Decimal | None = None,
    decision_date: date | None = None,
) -> FundingOpportunity:
    """Move `opportunity` to `status`, or raise ValidationError (per field) and change nothing.

    A decision (awarded, rejected…) settles the probability at 100 or 0, so the weighted
    pipeline counts it for what it is.
    """
    opportunity = FundingOpportunity.objects.select_for_update().get(pk=opportunity.pk)
    now = timezone.now()
    if amount_awarded is not None:
        opportunity.amount_awarded = amount_awarded
    if decision_date is not None:
        opportunity.decision_date = decision_date
    _check(opportunity, status, now)
    opportunity.status = status
    opportunity.status_changed_at = now
    if status == Status.AWARDED:
        opportunity.probability = 100
    elif status in FundingOpportunity.LOST_STATUSES:
        opportunity.probability = 0
    opportunity._history_user = user
    opportunity._change_reason = _("Status changed to %(status)s") % {"status": opportunity.get_status_display()}
    opportunity.save()
    return opportunity

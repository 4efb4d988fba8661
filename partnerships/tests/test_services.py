from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships.models import Agreement, Partnership, StageChange
from partnerships.services import agreement_change_status, partnership_change_stage

from .factories import AgreementFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_it_moves_a_partnership_and_records_the_change_with_its_date(officer):
    partnership = PartnershipFactory(stage=Partnership.Stage.EXPLORING)

    change = partnership_change_stage(
        partnership=partnership, stage=Partnership.Stage.NEGOTIATING, user=officer, on=date(2026, 3, 2)
    )

    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.NEGOTIATING
    assert (change.from_stage, change.to_stage, change.changed_on, change.changed_by) == (
        "exploring",
        "negotiating",
        date(2026, 3, 2),
        officer,
    )
    assert partnership.history.latest().history_user == officer


def test_it_records_nothing_when_the_stage_does_not_change(officer):
    partnership = PartnershipFactory(stage=Partnership.Stage.ACTIVE)

    assert partnership_change_stage(partnership=partnership, stage=Partnership.Stage.ACTIVE, user=officer) is None
    assert not StageChange.objects.exists()


def test_a_completed_partnership_needs_an_end_date(officer):
    partnership = PartnershipFactory(stage=Partnership.Stage.ACTIVE)

    with pytest.raises(ValidationError) as raised:
        partnership_change_stage(partnership=partnership, stage=Partnership.Stage.COMPLETED, user=officer)

    assert "needs an end date" in str(raised.value)
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.ACTIVE
    assert not StageChange.objects.exists()


def test_a_partnership_with_an_end_date_can_be_completed(officer):
    partnership = PartnershipFactory(stage=Partnership.Stage.ACTIVE, end_date=date(2026, 6, 30))

    partnership_change_stage(partnership=partnership, stage=Partnership.Stage.COMPLETED, user=officer)

    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.COMPLETED


def test_an_unknown_stage_is_refused(officer):
    partnership = PartnershipFactory()

    with pytest.raises(ValidationError):
        partnership_change_stage(partnership=partnership, stage="celebrating", user=officer)


def test_an_agreement_cannot_expire_before_it_takes_effect():
    agreement = AgreementFactory.build(effective_date=date(2026, 1, 10), expiry_date=date(2025, 12, 31))

    with pytest.raises(ValidationError) as raised:
        agreement.full_clean()
    assert "cannot expire before it takes effect" in str(raised.value.message_dict["expiry_date"])

    # Nor can it reach the database by another path.
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.partnership.save()
        agreement.partnership_id = agreement.partnership.pk
        agreement.save()


def test_it_changes_an_agreement_status_and_keeps_who_did_it(officer):
    agreement = AgreementFactory(signed_date=date(2026, 1, 5), effective_date=date(2026, 1, 10))

    assert agreement_change_status(agreement=agreement, status=Agreement.Status.ACTIVE, user=officer) is True

    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.ACTIVE
    assert agreement.history.latest().history_user == officer
    assert agreement_change_status(agreement=agreement, status=Agreement.Status.ACTIVE, user=officer) is False


@pytest.mark.parametrize(
    ("status", "field", "message"),
    [
        (Agreement.Status.SIGNED, "signed_date", "date of signature"),
        (Agreement.Status.ACTIVE, "signed_date", "date of signature"),
        (Agreement.Status.EXPIRED, "expiry_date", "expiry date"),
    ],
)
def test_a_status_needs_its_dates(officer, status, field, message):
    agreement = AgreementFactory()

    with pytest.raises(ValidationError) as raised:
        agreement_change_status(agreement=agreement, status=status, user=officer)

    assert message in " ".join(raised.value.message_dict[field])
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.DRAFT

from datetime import date

import pytest

from liaison.reminders.registry import registry
from partnerships.models import Agreement, Partnership

from .factories import AgreementFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
START, END = date(2026, 12, 1), date(2026, 12, 31)


def items(key):
    return list(registry.by_key()[key].items(START, END))


def test_an_agreement_in_force_is_reminded_at_its_renewal_notice_date(officer):
    due = AgreementFactory(
        title="MOU with UN-Habitat",
        status=Agreement.Status.ACTIVE,
        signed_date=date(2024, 1, 1),
        expiry_date=date(2027, 3, 1),
        renewal_notice_days=90,  # notice on 1 Dec 2026
        owner=officer,
    )
    AgreementFactory(  # notice on 30 Nov 2026: outside the window
        status=Agreement.Status.SIGNED,
        signed_date=date(2024, 1, 1),
        expiry_date=date(2027, 2, 28),
        renewal_notice_days=90,
    )
    AgreementFactory(status=Agreement.Status.DRAFT, expiry_date=date(2026, 12, 15))  # not in force
    AgreementFactory(status=Agreement.Status.EXPIRED, signed_date=date(2020, 1, 1), expiry_date=date(2026, 12, 15))

    [item] = items("partnerships.agreement_renewal")

    assert item.obj == due
    assert item.due == date(2026, 12, 1)
    assert item.recipients == (officer,)
    assert "MOU with UN-Habitat" in item.title and "1 Mar 2027" in item.title
    assert item.url == due.get_absolute_url()


def test_a_long_notice_period_is_found_far_ahead_of_the_expiry():
    agreement = AgreementFactory(
        status=Agreement.Status.ACTIVE,
        signed_date=date(2024, 1, 1),
        expiry_date=date(2027, 12, 10),
        renewal_notice_days=365,
    )

    assert [item.obj for item in items("partnerships.agreement_renewal")] == [agreement]


def test_a_next_step_is_reminded_while_the_partnership_is_open(officer):
    due = PartnershipFactory(next_step="Send the draft MOU", next_step_due=date(2026, 12, 10), owner=officer)
    PartnershipFactory(next_step_due=date(2027, 1, 1))  # after the window
    PartnershipFactory(next_step_due=date(2026, 12, 10), stage=Partnership.Stage.DROPPED)
    PartnershipFactory(next_step_due=date(2026, 12, 10), stage=Partnership.Stage.COMPLETED, end_date=date(2026, 11, 1))

    [item] = items("partnerships.next_step")

    assert (item.obj, item.due, item.recipients) == (due, date(2026, 12, 10), (officer,))
    assert "Send the draft MOU" in item.title


def test_a_malay_reader_gets_renewal_and_next_step_reminders_in_malay(officer):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from liaison.reminders.models import Reminder
    from liaison.reminders.sweep import sweep
    from liaison.reminders.tests.conftest import prefer

    prefer(officer, language="ms")
    AgreementFactory(
        title="MOU KL-Fukuoka",
        status=Agreement.Status.SIGNED,
        signed_date=date(2025, 1, 1),
        expiry_date=date(2027, 12, 30),
        renewal_notice_days=30,
        owner=officer,
    )
    PartnershipFactory(title="KLRTC", next_step="Hantar draf", next_step_due=date(2027, 11, 30), owner=officer)
    sweep(datetime(2027, 11, 30, 9, 0, tzinfo=ZoneInfo("Asia/Kuala_Lumpur")))
    titles = sorted(Reminder.objects.values_list("title", flat=True))
    assert titles == [
        "Langkah seterusnya: Hantar draf (KLRTC)",
        "Notis pembaharuan: MOU KL-Fukuoka tamat tempoh pada 30 Dis 2027",
    ]

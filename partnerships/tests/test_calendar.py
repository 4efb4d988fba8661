"""Agreement expiries, renewal notices and next steps on the events calendar."""

from datetime import date

from django.urls import reverse

from liaison.calendar.registry import entries_between
from partnerships.models import Agreement, Partnership
from partnerships.tests.factories import AgreementFactory, PartnershipFactory

MARCH = (date(2027, 3, 1), date(2027, 3, 31))


def titles(user):
    return [e.title for e in entries_between(*MARCH, user) if e.kind in ("agreement", "partnership")]


def test_expiries_and_renewal_notices_of_agreements_in_force(officer):
    in_force = {"status": Agreement.Status.ACTIVE, "signed_date": date(2025, 1, 5), "effective_date": date(2025, 1, 5)}
    AgreementFactory(title="MOU with MBPP", expiry_date=date(2027, 3, 20), renewal_notice_days=30, **in_force)
    AgreementFactory(title="LOI with DBKL", expiry_date=date(2027, 6, 15), renewal_notice_days=90, **in_force)
    AgreementFactory(title="Draft MOA", expiry_date=date(2027, 3, 10), status=Agreement.Status.DRAFT)

    # In date order: the LOI's notice (15 June minus 90 days: 17 March), then the MOU's expiry (20 March).
    assert titles(officer) == ["Renewal notice: LOI with DBKL", "Expires: MOU with MBPP"]


def test_next_steps_of_open_partnerships(officer):
    PartnershipFactory(
        title="VLR support for MBSJ", next_step="Call the mayor's office", next_step_due=date(2027, 3, 3)
    )
    PartnershipFactory(title="Dropped idea", next_step="Nothing", next_step_due=date(2027, 3, 4), stage="dropped")

    assert titles(officer) == ["Next step: Call the mayor's office (VLR support for MBSJ)"]


def test_month_view_links_the_expiry_and_hides_it_from_outsiders(officer_client, outsider):
    agreement = AgreementFactory(
        title="MOU with MBPP",
        status=Agreement.Status.SIGNED,
        signed_date=date(2025, 1, 5),
        expiry_date=date(2027, 3, 20),
    )
    body = officer_client.get(reverse("calendar:month"), {"month": "2027-03"}).content.decode()
    assert "Expires: MOU with MBPP" in body and agreement.get_absolute_url() in body
    assert titles(outsider) == []
    assert Partnership.objects.count() == 1

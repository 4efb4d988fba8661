"""The partnership brief: one page of PDF with partners, stages, agreements, next step and interactions."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from contacts.tests.factories import InteractionFactory, OrganisationFactory
from partnerships.models import StageChange

from .factories import AgreementFactory, PartnerRoleFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership(other_officer):
    partnership = PartnershipFactory(
        title="Shah Alam climate plan", stage="active", next_step="Draft the MOU annex", next_step_due=date(2027, 4, 1)
    )
    PartnerRoleFactory(partnership=partnership, organisation=OrganisationFactory(name="Majlis Bandaraya Shah Alam"))
    StageChange.objects.create(
        partnership=partnership, from_stage="exploring", to_stage="active", changed_on=date(2027, 1, 5)
    )
    AgreementFactory(
        partnership=partnership, title="MOU on climate data", status="signed", signed_date=date(2027, 2, 2)
    )
    InteractionFactory(concerns=[partnership], subject="Kick-off with the mayor")
    InteractionFactory(concerns=[partnership], subject="Budget talk", confidential=True, author=other_officer)
    return partnership


def brief(client, partnership):
    response = client.get(reverse("partnerships:partnership_brief", args=[partnership.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def test_the_brief_is_one_page_with_what_a_meeting_needs(officer_client, partnership):
    pdf = brief(officer_client, partnership)
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    for expected in [
        "Shah Alam climate plan",
        "Majlis Bandaraya Shah Alam",
        "Draft the MOU annex",
        "MOU on climate data",
        "Exploring → Active",
        "Kick-off with the mayor",
    ]:
        assert expected in text, expected
    assert "Budget talk" not in text  # another officer's confidential interaction


def test_supervisors_see_the_confidential_interaction_in_the_brief(supervisor_client, partnership):
    assert "Budget talk" in brief(supervisor_client, partnership).pages[0].extract_text()


def test_the_partnership_page_links_to_its_brief(officer_client, partnership):
    page = officer_client.get(partnership.get_absolute_url()).content.decode()
    assert reverse("partnerships:partnership_brief", args=[partnership.pk]) in page


def test_the_brief_in_malay(officer_client, partnership):
    officer_client.cookies["django_language"] = "ms"
    text = brief(officer_client, partnership).pages[0].extract_text()
    assert "Rakan kongsi" in text and "Langkah seterusnya" in text

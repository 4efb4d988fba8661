import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from contacts.tests.factories import OrganisationFactory
from liaison.web import panels
from partnerships.models import PartnerRole

from .factories import AgreementFactory, PartnerRoleFactory

pytestmark = pytest.mark.django_db


def render_panel(user, organisation):
    request = RequestFactory().get("/")
    request.user = user
    return "".join(panels.render_for(request, organisation))


def test_an_organisation_page_shows_its_partnerships_with_its_role_and_its_agreements(supervisor):
    dbkl = OrganisationFactory(name="Dewan Bandaraya Kuala Lumpur")
    PartnerRoleFactory(organisation=dbkl, role=PartnerRole.Role.HOST, partnership__title="KLRTC")
    AgreementFactory(title="UCLG ASPAC - DBKL Letter of Intent").parties.add(dbkl)
    AgreementFactory(title="Someone else's MOU")

    html = render_panel(supervisor, dbkl)

    assert "KLRTC" in html
    assert "Host" in html
    assert "UCLG ASPAC - DBKL Letter of Intent" in html
    assert "Someone else" not in html


def test_the_panel_is_left_out_for_users_who_may_not_read_partnerships(outsider):
    organisation = OrganisationFactory()
    PartnerRoleFactory(organisation=organisation, partnership__title="Secret partnership")

    assert "Secret partnership" not in render_panel(outsider, organisation)


def test_the_panel_runs_a_bounded_number_of_queries(officer):
    organisation = OrganisationFactory()
    for _ in range(25):
        PartnerRoleFactory(organisation=organisation)
        AgreementFactory().parties.add(organisation)
    render_panel(officer, organisation)  # the user's permissions are cached from here on

    with CaptureQueriesContext(connection) as captured:
        html = render_panel(officer, organisation)

    # Other apps' panels on the same page run their own queries; this panel's are two.
    assert len([q for q in captured.captured_queries if 'FROM "partnerships_' in q["sql"]]) == 2

    assert html.count('class="list-group-item d-flex') == 10
    assert "?partner=" in html and "?party=" in html

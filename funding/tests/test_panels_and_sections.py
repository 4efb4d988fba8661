import pytest
from django.test import RequestFactory
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory
from liaison.web import navigation, panels

from .factories import FundingOpportunityFactory

pytestmark = pytest.mark.django_db


def panel_html(user, organisation):
    request = RequestFactory().get("/")
    request.user = user
    return "".join(panels.render_for(request, organisation))


def test_organisation_page_panel_lists_the_opportunities_it_funds(officer, supervisor):
    undp = OrganisationFactory(name="UNDP")
    FundingOpportunityFactory(title="UNDP call on SDG localisation", funder=undp)
    FundingOpportunityFactory(title="Another funder's call")
    for user in (officer, supervisor):
        html = panel_html(user, undp)
        assert "UNDP call on SDG localisation" in html
        assert "Another funder&#x27;s call" not in html and "Another funder's call" not in html
        assert f"{reverse('funding:opportunity_list')}?funder={undp.pk}" in html


def test_panel_is_left_out_for_users_without_the_right(outsider):
    undp = OrganisationFactory()
    FundingOpportunityFactory(title="Hidden call", funder=undp)
    assert "Hidden call" not in panel_html(outsider, undp)


def test_home_shows_funding_and_pipeline_to_those_who_may_see_them(officer, outsider):
    titles = [str(s.title) for s in navigation.sections_for(officer)]
    assert "Funding" in titles and "Pipeline" in titles
    assert not {"Funding", "Pipeline"} & {str(s.title) for s in navigation.sections_for(outsider)}

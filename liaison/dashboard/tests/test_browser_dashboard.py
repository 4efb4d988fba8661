from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from conftest import browser_login
from funding.tests.factories import FundingOpportunityFactory
from partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.browser


def test_supervisor_lands_on_the_dashboard_sees_charts_and_opens_the_deadlines(page, supervisor):
    # Late today in Kuala Lumpur: within the default period (this year) and the next 30 days whatever the date.
    tonight = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 0)))
    FundingOpportunityFactory(title="Urban resilience call", status="preparing", deadline=tonight)
    FundingOpportunityFactory(title="Far away call", status="preparing", deadline=timezone.now() + timedelta(days=90))
    PartnershipFactory(stage="active")

    browser_login(page, "supervisor")
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Dashboard", exact=True).is_visible()
    charts = page.locator("canvas[data-chart]")
    assert charts.count() == 4  # partnerships advanced and by stage, funding pipeline, events per month
    # Chart.js drew them: it sizes each canvas and registers it.
    page.wait_for_function("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))")
    assert page.errors == []

    page.locator("#attention-deadlines").click()
    page.wait_for_url("**/funding/?**")
    assert "deadline_within=30" in page.url
    assert page.get_by_role("link", name="Urban resilience call").is_visible()
    assert page.get_by_role("link", name="Far away call").count() == 0
    assert page.errors == []

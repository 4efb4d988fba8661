from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import browser_login
from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory
from funding.models import FundingOpportunity

from .factories import FundingOpportunityFactory

pytestmark = pytest.mark.browser


def local(days, hour=17):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_officer_records_a_call_and_finds_it_first_in_the_next_30_days(page, officer):
    OrganisationFactory(name="United Nations Development Programme", acronym="UNDP", kind=Organisation.Kind.UN_AGENCY)
    FundingOpportunityFactory(title="GIZ peer exchange grant", deadline=local(20))
    FundingOpportunityFactory(title="EU city pairing", deadline=local(45))
    deadline, concept_note = local(10), local(3, hour=12)

    browser_login(page, "officer")
    page.wait_for_url("**/")
    page.goto("/funding/new/")
    page.get_by_label("Title").fill("UNDP call for proposals: SDG localisation")
    page.locator("#id_funder-ts-control").fill("United Nations")
    page.locator(".ts-dropdown .option", has_text="United Nations Development Programme").click()
    page.get_by_label("Kind").select_option("call_for_proposals")
    page.get_by_label("Currency").fill("USD")
    page.get_by_label("Maximum amount").fill("150000")
    page.locator("#id_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_milestones-0-label").fill("Concept note")
    page.locator("#id_milestones-0-due").fill(concept_note.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/funding/*/")
    assert page.locator("#opportunity-status").inner_text() == "Identified"
    assert page.get_by_text("Concept note").is_visible()

    page.goto("/funding/")
    page.get_by_label("Deadline within (days)").fill("30")
    # The filter applies as it is typed, without a button (htmx), and the address follows.
    page.wait_for_url("**deadline_within=30**")
    rows = page.locator("#opportunity-rows tbody tr")
    expect(rows).to_have_count(2)
    assert rows.first.locator("a").first.inner_text() == "UNDP call for proposals: SDG localisation"
    assert deadline.strftime("%-d %b %Y, 17:00") in rows.first.inner_text()

    opportunity = FundingOpportunity.objects.get(title__startswith="UNDP call")
    assert opportunity.deadline == deadline
    assert opportunity.funder.acronym == "UNDP"
    assert opportunity.milestones.get().label == "Concept note"
    assert page.errors == []

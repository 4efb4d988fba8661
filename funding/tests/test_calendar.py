"""Funding deadlines and milestones on the events calendar."""

from datetime import date

from django.urls import reverse

from funding.models import FundingOpportunity
from funding.tests.conftest import kl
from funding.tests.factories import FundingOpportunityFactory, MilestoneFactory
from liaison.calendar.registry import entries_between


def test_open_deadlines_and_pending_milestones_are_calendar_entries(officer):
    open_call = FundingOpportunityFactory(title="ADB cities fund", deadline=kl(2027, 3, 31, 17))
    MilestoneFactory(opportunity=open_call, label="Concept note", due=kl(2027, 3, 10, 12))
    MilestoneFactory(opportunity=open_call, label="Budget", due=kl(2027, 3, 12, 12), done_on=date(2027, 3, 1))
    FundingOpportunityFactory(
        title="Withdrawn call", deadline=kl(2027, 3, 20, 17), status=FundingOpportunity.Status.WITHDRAWN
    )
    FundingOpportunityFactory(title="April call", deadline=kl(2027, 4, 1, 0, 30))  # 31 Mar 16:30 UTC

    titles = [e.title for e in entries_between(date(2027, 3, 1), date(2027, 3, 31), officer) if e.kind == "funding"]

    assert titles == ["Concept note: ADB cities fund", "Deadline: ADB cities fund"]


def test_deadlines_are_not_shown_to_users_without_funding_access(outsider):
    FundingOpportunityFactory(deadline=kl(2027, 3, 31, 17))
    assert [e for e in entries_between(date(2027, 3, 1), date(2027, 3, 31), outsider) if e.kind == "funding"] == []


def test_month_view_links_the_deadline(officer_client):
    call = FundingOpportunityFactory(title="UNDP call", deadline=kl(2027, 3, 31, 17))
    body = officer_client.get(reverse("calendar:month"), {"month": "2027-03"}).content.decode()
    assert "Deadline: UNDP call" in body
    assert call.get_absolute_url() in body

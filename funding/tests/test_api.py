"""Funding opportunities and milestones through the API: the form's validation, the status service's rules."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.tests.factories import OrganisationFactory
from funding.models import FundingOpportunity, Milestone
from funding.tests.factories import FundingOpportunityFactory
from liaison.api.models import ApiToken

pytestmark = pytest.mark.django_db


def send(client, method, url, data, user):
    secret = ApiToken.issue(user=user, name="script", read_only=False)[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    if method == "get":
        return client.get(url, **auth)
    return getattr(client, method)(url, json.dumps(data), content_type="application/json", **auth)


def test_officer_creates_an_opportunity_through_the_form(client, officer):
    funder = OrganisationFactory(name="Asian Development Bank")
    url = reverse("api:opportunity-list")
    bad = send(client, "post", url, {"title": "Cities Fund", "funder": funder.pk, "currency": "usd1"}, officer)
    assert bad.status_code == 400 and "currency" in bad.json() and not FundingOpportunity.objects.exists()
    response = send(client, "post", url, {"title": "Cities Fund", "funder": funder.pk, "currency": "usd"}, officer)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["currency"] == "USD" and body["status"] == "identified" and body["owner"] == officer.pk


def test_status_goes_through_the_service_with_its_rules_and_history(client, officer):
    opportunity = FundingOpportunityFactory(probability=40)
    url = reverse("api:opportunity-detail", args=[opportunity.pk])
    # The rule of the service: awarded needs the amount and the decision date; nothing is written otherwise.
    refused = send(client, "patch", url, {"status": "awarded", "title": "Renamed"}, officer)
    assert refused.status_code == 400 and "amount_awarded" in refused.json()
    opportunity.refresh_from_db()
    assert opportunity.status == "identified" and opportunity.title != "Renamed"

    data = {"status": "awarded", "amount_awarded": "250000.00", "decision_date": "2027-02-01"}
    response = send(client, "patch", url, data, officer)
    assert response.status_code == 200, response.content
    opportunity.refresh_from_db()
    # What only opportunity_change_status does: the probability settled, the moment noted, the reason kept.
    assert opportunity.status == "awarded" and opportunity.probability == 100
    assert opportunity.amount_awarded == Decimal("250000.00") and opportunity.status_changed_at is not None
    latest = opportunity.history.latest()
    assert latest.history_change_reason == "Status changed to Awarded" and latest.history_user == officer
    assert response.json()["probability"] == 100


def test_missed_is_refused_before_the_deadline(client, officer):
    opportunity = FundingOpportunityFactory(deadline=timezone.now() + timedelta(days=3))
    response = send(
        client, "patch", reverse("api:opportunity-detail", args=[opportunity.pk]), {"status": "missed"}, officer
    )
    assert response.status_code == 400 and "after its deadline" in response.json()["status"][0]
    assert (
        send(
            client, "patch", reverse("api:opportunity-detail", args=[opportunity.pk]), {"status": "nope"}, officer
        ).status_code
        == 400
    )


def test_milestones_are_listed_with_their_opportunity_and_added_to_one(client, officer):
    opportunity = FundingOpportunityFactory()
    url = reverse("api:milestone-list")
    orphan = send(client, "post", url, {"label": "Concept note", "due": "2027-04-01T17:00"}, officer)
    assert orphan.status_code == 400 and "opportunity" in orphan.json()
    data = {"opportunity": opportunity.pk, "label": "Concept note", "due": "2027-04-01T17:00"}
    response = send(client, "post", url, data, officer)
    assert response.status_code == 201, response.content
    assert Milestone.objects.get().opportunity == opportunity
    detail = send(client, "get", reverse("api:opportunity-detail", args=[opportunity.pk]), None, officer).json()
    assert [m["label"] for m in detail["milestones"]] == ["Concept note"]
    moved = send(
        client, "patch", reverse("api:milestone-detail", args=[response.json()["id"]]), {"opportunity": 1}, officer
    )
    assert moved.status_code == 400 and "opportunity" in moved.json()


def test_supervisor_reads_opportunities_and_cannot_write(client, supervisor):
    FundingOpportunityFactory(title="Cities Fund")
    listing = send(client, "get", reverse("api:opportunity-list"), None, supervisor)
    assert [row["title"] for row in listing.json()["results"]] == ["Cities Fund"]
    assert send(client, "post", reverse("api:opportunity-list"), {"title": "x"}, supervisor).status_code == 403

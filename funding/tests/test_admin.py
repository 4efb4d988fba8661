import pytest
from django.urls import reverse

from .factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def test_administrator_edits_an_opportunity_with_its_milestones_inline(administrator_client):
    milestone = MilestoneFactory(label="Concept note")
    opportunity = milestone.opportunity
    response = administrator_client.get(reverse("admin:funding_fundingopportunity_change", args=[opportunity.pk]))
    assert response.status_code == 200
    assert "Concept note" in response.content.decode()
    changelist = administrator_client.get(reverse("admin:funding_fundingopportunity_changelist"), {"q": "resilience"})
    assert opportunity.title in changelist.content.decode()
    milestones = administrator_client.get(reverse("admin:funding_milestone_changelist"))
    assert "Concept note" in milestones.content.decode()

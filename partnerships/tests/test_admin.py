import pytest
from django.urls import reverse

from partnerships.models import Partnership, StageChange

from .factories import AgreementFactory, PartnerRoleFactory, VoluntaryReviewFactory

pytestmark = pytest.mark.django_db


def test_the_admin_lists_and_opens_every_partnerships_record(administrator_client):
    role = PartnerRoleFactory()
    agreement = AgreementFactory(partnership=role.partnership)
    review = VoluntaryReviewFactory(partnership=role.partnership)
    for model, obj in [
        ("partnership", role.partnership),
        ("partnerrole", role),
        ("agreement", agreement),
        ("voluntaryreview", review),
    ]:
        assert administrator_client.get(reverse(f"admin:partnerships_{model}_changelist")).status_code == 200
        assert administrator_client.get(reverse(f"admin:partnerships_{model}_change", args=[obj.pk])).status_code == 200
        assert (
            administrator_client.get(reverse(f"admin:partnerships_{model}_history", args=[obj.pk])).status_code == 200
        )


def test_a_stage_changed_in_the_admin_goes_through_the_service(administrator_client, administrator):
    partnership = PartnerRoleFactory().partnership
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    form = administrator_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name not in ("themes", "sdgs")}
    data.update({"stage": "negotiating", "kind": partnership.kind, "title": partnership.title})
    for prefix, formset in [("partner_roles", 1), ("agreements", 0), ("stage_changes", 0)]:
        data.update({f"{prefix}-TOTAL_FORMS": formset, f"{prefix}-INITIAL_FORMS": formset})
    role = partnership.partner_roles.get()
    data.update(
        {
            "partner_roles-0-id": role.pk,
            "partner_roles-0-partnership": partnership.pk,
            "partner_roles-0-organisation": role.organisation_id,
            "partner_roles-0-role": role.role,
        }
    )

    response = administrator_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.NEGOTIATING
    change = StageChange.objects.get()
    assert (change.from_stage, change.changed_by) == ("exploring", administrator)

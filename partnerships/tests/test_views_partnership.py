import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.tests.factories import InteractionFactory, OrganisationFactory
from liaison.reference.models import SDG, Theme
from partnerships.models import PartnerRole, Partnership, StageChange

from .conftest import query_count
from .factories import PartnerRoleFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:partnership_list")
CREATE = reverse("partnerships:partnership_create")


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def multilateral():
    partnership = PartnershipFactory(title="Gender-responsive budgeting in Penang", kind=Partnership.Kind.MULTILATERAL)
    for name, role in [
        ("United Cities and Local Governments Asia-Pacific", PartnerRole.Role.LEAD),
        ("United Nations Human Settlements Programme", PartnerRole.Role.FUNDER),
        ("Penang Women's Development Corporation", PartnerRole.Role.IMPLEMENTER),
    ]:
        PartnerRoleFactory(partnership=partnership, organisation=OrganisationFactory(name=name), role=role)
    return partnership


def test_three_partners_in_three_roles_show_on_the_page(officer_client, multilateral):
    response = officer_client.get(multilateral.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    for name, role in [
        ("United Cities and Local Governments Asia-Pacific", "Lead"),
        ("United Nations Human Settlements Programme", "Funder"),
        ("Penang Women&#x27;s Development Corporation", "Implementer"),
    ]:
        assert name in page
        assert f'<span class="badge text-bg-light border">{role}</span>' in page


def test_three_partners_in_three_roles_are_in_the_csv_export(supervisor_client, multilateral):
    response = supervisor_client.get(LIST, {"export": "csv"})

    header, row = csv_rows(response)
    partners = row[header.index("Partners (role)")]
    assert partners == (
        "United Cities and Local Governments Asia-Pacific (Lead); "
        "United Nations Human Settlements Programme (Funder); "
        "Penang Women's Development Corporation (Implementer)"
    )
    assert row[header.index("Kind")] == "Multilateral"


def test_the_list_filters_by_stage_partner_theme_sdg_owner_and_overdue_next_step(officer_client, officer):
    theme = Theme.objects.create(code="gender", name="Gender")
    sdg = SDG.objects.create(number=5, title="Gender equality", colour="#FF3A21")
    yesterday = timezone.localdate() - timedelta(days=1)
    target = PartnershipFactory(
        title="Target", stage=Partnership.Stage.ACTIVE, next_step="Call UN-Habitat", next_step_due=yesterday
    )
    target.themes.add(theme)
    target.sdgs.add(sdg)
    target.owner = officer
    target.save()
    role = PartnerRoleFactory(partnership=target)
    PartnerRoleFactory(partnership=target, organisation=role.organisation, role=PartnerRole.Role.HOST)
    PartnershipFactory(title="Other", stage=Partnership.Stage.ACTIVE)
    PartnershipFactory(title="Closed", stage=Partnership.Stage.DROPPED, next_step_due=yesterday)

    for query in [
        {"stage": "active", "overdue": "true"},
        {"partner": role.organisation.pk},
        {"theme": theme.pk},
        {"sdg": sdg.pk},
        {"owner": officer.pk},
        {"overdue": "true"},
        {"q": "un-habitat"},
    ]:
        response = officer_client.get(LIST, query)
        assert [p.title for p in response.context["object_list"]] == ["Target"], query


def test_the_list_runs_as_many_queries_for_50_partnerships_as_for_5(officer_client):
    for _ in range(5):
        PartnerRoleFactory(partnership=PartnershipFactory())
    few = query_count(officer_client, LIST)
    for _ in range(45):
        PartnerRoleFactory(partnership=PartnerRoleFactory().partnership)
    assert query_count(officer_client, LIST) == few


def test_the_export_runs_a_bounded_number_of_queries(officer_client, django_assert_max_num_queries):
    for _ in range(30):
        PartnerRoleFactory()
    with django_assert_max_num_queries(12):
        rows = csv_rows(officer_client.get(LIST, {"export": "csv"}))
    assert len(rows) == 31


def partnership_form(**overrides):
    data = {
        "title": "Climate action exchange with Surabaya",
        "kind": "city_to_city",
        "stage": "exploring",
        "partners-TOTAL_FORMS": "3",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        # What a browser sends for the empty partner rows: the role select's default.
        **{f"partners-{index}-role": "partner" for index in range(3)},
    }
    data.update(overrides)
    return data


def test_an_officer_creates_a_multilateral_partnership_with_partners_in_one_form(officer_client, officer):
    lead, funder = OrganisationFactory(), OrganisationFactory()

    response = officer_client.post(
        CREATE,
        partnership_form(
            **{
                "kind": "multilateral",
                "owner": officer.pk,
                "partners-0-organisation": lead.pk,
                "partners-0-role": "lead",
                "partners-1-organisation": funder.pk,
                "partners-1-role": "funder",
            }
        ),
    )

    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response["Location"] == partnership.get_absolute_url()
    assert partnership.stage == Partnership.Stage.EXPLORING
    assert set(partnership.partner_roles.values_list("organisation", "role")) == {
        (lead.pk, "lead"),
        (funder.pk, "funder"),
    }
    change = StageChange.objects.get()
    assert (change.from_stage, change.to_stage, change.changed_on) == ("idea", "exploring", timezone.localdate())


def test_a_completed_partnership_without_an_end_date_is_refused_and_nothing_is_written(officer_client):
    organisation = OrganisationFactory()

    response = officer_client.post(
        CREATE,
        partnership_form(
            **{"stage": "completed", "partners-0-organisation": organisation.pk, "partners-0-role": "lead"}
        ),
    )

    assert response.status_code == 200
    assert "A completed partnership needs an end date" in response.content.decode()
    assert not Partnership.objects.exists()
    assert not PartnerRole.objects.exists()


def test_the_same_organisation_cannot_hold_the_same_role_twice(officer_client):
    organisation = OrganisationFactory()

    response = officer_client.post(
        CREATE,
        partnership_form(
            **{
                "partners-0-organisation": organisation.pk,
                "partners-0-role": "lead",
                "partners-1-organisation": organisation.pk,
                "partners-1-role": "lead",
            }
        ),
    )

    assert response.status_code == 200
    assert not Partnership.objects.exists()
    assert response.context["formsets"][0].non_form_errors()


def test_an_officer_edits_partners_and_stage_in_the_same_form(officer_client, multilateral):
    roles = list(multilateral.partner_roles.all())
    data = partnership_form(
        **{
            "title": multilateral.title,
            "kind": "multilateral",
            "stage": "negotiating",
            "partners-INITIAL_FORMS": "3",
            "partners-TOTAL_FORMS": "3",
        }
    )
    for index, role in enumerate(roles):
        data.update(
            {
                f"partners-{index}-id": role.pk,
                f"partners-{index}-organisation": role.organisation_id,
                f"partners-{index}-role": "observer" if index == 1 else role.role,
            }
        )
    data["partners-2-DELETE"] = "on"

    response = officer_client.post(reverse("partnerships:partnership_update", args=[multilateral.pk]), data)

    assert response.status_code == 302
    multilateral.refresh_from_db()
    assert multilateral.stage == Partnership.Stage.NEGOTIATING
    assert sorted(multilateral.partner_roles.values_list("role", flat=True)) == ["lead", "observer"]
    assert StageChange.objects.filter(partnership=multilateral, to_stage="negotiating").exists()


def test_a_supervisor_cannot_create_or_edit_a_partnership(supervisor_client, multilateral):
    assert supervisor_client.post(CREATE, partnership_form()).status_code == 403
    url = reverse("partnerships:partnership_update", args=[multilateral.pk])
    assert supervisor_client.post(url, partnership_form(title="Changed")).status_code == 403
    multilateral.refresh_from_db()
    assert multilateral.title == "Gender-responsive budgeting in Penang"
    assert Partnership.objects.count() == 1


def test_the_page_shows_interactions_that_concern_it_except_others_confidential_ones(
    officer_client, officer, other_officer, multilateral
):
    InteractionFactory(subject="Call with PWDC on GRPB", concerns=[multilateral], author=other_officer)
    InteractionFactory(subject="My confidential note", concerns=[multilateral], author=officer, confidential=True)
    InteractionFactory(
        subject="Colleague's confidential note", concerns=[multilateral], author=other_officer, confidential=True
    )
    InteractionFactory(subject="Unrelated meeting", author=officer)

    page = officer_client.get(multilateral.get_absolute_url()).content.decode()

    assert "Call with PWDC on GRPB" in page
    assert "My confidential note" in page
    assert "Colleague&#x27;s confidential note" not in page
    assert "Unrelated meeting" not in page


def test_the_page_shows_the_stage_history_and_the_change_history(officer_client, officer, multilateral):
    from partnerships.services import partnership_change_stage

    partnership_change_stage(partnership=multilateral, stage="negotiating", user=officer, on=timezone.localdate())

    page = officer_client.get(multilateral.get_absolute_url()).content.decode()

    assert "Exploring → <strong>Negotiating</strong>" in page
    assert "History" in page


def test_an_officer_deletes_a_partnership(officer_client, multilateral):
    response = officer_client.post(reverse("partnerships:partnership_delete", args=[multilateral.pk]))

    assert response.status_code == 302
    assert not Partnership.objects.exists()


def test_the_autocomplete_finds_partnerships_by_title(officer_client, multilateral):
    response = officer_client.get(reverse("partnerships:partnership_autocomplete"), {"q": "penang"})

    assert response.json() == {"results": [{"id": multilateral.pk, "text": multilateral.title}]}


def test_the_excel_export_has_the_partners_with_their_roles(officer_client, multilateral):
    from openpyxl import load_workbook

    response = officer_client.get(LIST, {"export": "xlsx"})

    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:4] == ("Title", "Kind", "Stage", "Partners (role)")
    assert rows[1][0] == "Gender-responsive budgeting in Penang"
    assert "Penang Women's Development Corporation (Implementer)" in rows[1][3]


def test_the_home_page_links_to_partnerships_agreements_and_reviews(supervisor_client, client, outsider):
    page = supervisor_client.get(reverse("home"), follow=True).content.decode()  # their home is the dashboard
    for name in ("partnership_list", "agreement_list", "review_list"):
        assert f'href="{reverse(f"partnerships:{name}")}"' in page

    client.force_login(outsider)
    assert reverse("partnerships:partnership_list") not in client.get(reverse("home")).content.decode()


def test_a_completed_partnership_can_be_reopened_and_its_end_date_cleared_in_one_edit(officer_client):
    partnership = PartnershipFactory(stage=Partnership.Stage.COMPLETED, end_date=timezone.localdate())
    url = reverse("partnerships:partnership_update", args=[partnership.pk])

    response = officer_client.post(url, partnership_form(title=partnership.title, stage="active", end_date=""))

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.stage, partnership.end_date) == (Partnership.Stage.ACTIVE, None)


def test_clearing_the_end_date_of_a_completed_partnership_is_refused(officer_client):
    partnership = PartnershipFactory(stage=Partnership.Stage.COMPLETED, end_date=timezone.localdate())
    url = reverse("partnerships:partnership_update", args=[partnership.pk])

    response = officer_client.post(url, partnership_form(title=partnership.title, stage="completed", end_date=""))

    assert "needs an end date" in " ".join(response.context["form"].errors["end_date"])
    partnership.refresh_from_db()
    assert partnership.end_date == timezone.localdate()


def test_an_interaction_logged_from_a_partnership_page_concerns_it_and_shows_there(officer_client, officer):
    partnership = PartnershipFactory(title="KL-Penang VLR exchange")
    partner = PartnerRoleFactory(partnership=partnership).organisation
    page = officer_client.get(partnership.get_absolute_url())
    log_url = reverse("partnerships:partnership_log_interaction", args=[partnership.pk])
    assert log_url in page.content.decode()
    assert page.context["log_form"].initial["organisations"] == [partner.pk]  # the partners, proposed

    response = officer_client.post(
        log_url, {"occurred_at": "2026-11-20T10:30", "kind": "meeting", "subject": "Exchange planning"}
    )

    assert response.status_code == 302
    interaction = partnership.interactions.get()
    assert (interaction.subject, interaction.author) == ("Exchange planning", officer)
    assert "Exchange planning" in officer_client.get(partnership.get_absolute_url()).content.decode()
    # The interaction's own page names the partnership it concerns.
    assert "KL-Penang VLR exchange" in officer_client.get(interaction.get_absolute_url()).content.decode()


def test_a_supervisor_cannot_log_an_interaction_on_a_partnership(supervisor_client):
    partnership = PartnershipFactory()
    url = reverse("partnerships:partnership_log_interaction", args=[partnership.pk])
    assert supervisor_client.post(url, {"occurred_at": "2026-11-20T10:30", "subject": "x"}).status_code == 403
    assert not partnership.interactions.exists()

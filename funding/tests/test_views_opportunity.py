from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import login
from contacts.tests.factories import InteractionFactory, OrganisationFactory
from funding.models import FundingOpportunity, Milestone
from liaison.reference.models import SDG, ExchangeRate, Theme
from partnerships.models import Partnership

from .conftest import kl
from .factories import FundingOpportunityFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
Status = FundingOpportunity.Status
LIST = reverse("funding:opportunity_list")


def form_data(funder, /, **extra):
    data = {
        "title": "UNDP call for proposals: SDG localisation",
        "funder": funder.pk,
        "kind": FundingOpportunity.Kind.CALL_FOR_PROPOSALS,
        "currency": "usd",
        "amount_min": "50000",
        "amount_max": "150000",
        "deadline": "2027-11-16T17:00",
        "probability": "30",
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-label": "Concept note",
        "milestones-0-due": "2027-11-01T12:00",
    }
    return {**data, **extra}


def test_deadline_typed_in_kuala_lumpur_time_is_stored_in_utc_and_shown_as_typed(officer_client):
    funder = OrganisationFactory(name="United Nations Development Programme")
    response = officer_client.post(reverse("funding:opportunity_create"), form_data(funder))
    opportunity = FundingOpportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == opportunity.get_absolute_url()
    assert opportunity.deadline == datetime(2027, 11, 16, 9, 0, tzinfo=UTC)
    assert opportunity.currency == "USD"
    assert opportunity.status == Status.IDENTIFIED
    assert list(opportunity.milestones.values_list("label", "due")) == [
        ("Concept note", datetime(2027, 11, 1, 4, 0, tzinfo=UTC))
    ]

    page = officer_client.get(opportunity.get_absolute_url()).content.decode()
    assert "16 Nov 2027, 17:00" in page  # DATETIME_FORMAT, as every date-time
    edit = officer_client.get(reverse("funding:opportunity_update", args=[opportunity.pk])).content.decode()
    assert 'value="2027-11-16T17:00"' in edit


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("currency", "US", "Enter a currency code from ISO 4217"),
        ("amount_max", "100", "The maximum amount cannot be below the minimum amount."),
        ("probability", "120", "less than or equal to 100"),
        ("funder", "", "This field is required."),
        ("milestones-0-due", "someday", "Enter a valid date/time."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(officer_client, field, value, message):
    data = form_data(OrganisationFactory(), **{field: value})
    response = officer_client.post(reverse("funding:opportunity_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FundingOpportunity.objects.exists()
    assert not Milestone.objects.exists()


def test_officer_edits_opportunity_and_its_milestones(officer_client):
    milestone = MilestoneFactory(label="Concept note")
    opportunity = milestone.opportunity
    data = form_data(
        opportunity.funder,
        title="Renamed call",
        **{
            "milestones-TOTAL_FORMS": "2",
            "milestones-INITIAL_FORMS": "1",
            "milestones-0-id": milestone.pk,
            "milestones-0-label": "Concept note",
            "milestones-0-due": "2027-10-01T17:00",
            "milestones-0-done_on": "2027-09-30",
            "milestones-1-label": "Full proposal",
            "milestones-1-due": "2027-11-10T17:00",
        },
    )
    response = officer_client.post(reverse("funding:opportunity_update", args=[opportunity.pk]), data)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Renamed call"
    assert list(opportunity.milestones.values_list("label", "done_on__day")) == [
        ("Concept note", 30),
        ("Full proposal", None),
    ]


def test_status_cannot_be_set_through_the_edit_form(officer_client):
    opportunity = FundingOpportunityFactory(status=Status.IDENTIFIED)
    data = form_data(opportunity.funder, status=Status.AWARDED, **{"milestones-TOTAL_FORMS": "0"})
    officer_client.post(reverse("funding:opportunity_update", args=[opportunity.pk]), data)
    opportunity.refresh_from_db()
    assert opportunity.status == Status.IDENTIFIED


def test_list_is_sorted_by_nearest_deadline_and_marks_soon_and_overdue(client, officer, freeze):
    now = freeze(kl(2027, 11, 9, 12, 0))
    officer_client = logged_in(client, officer)  # after freezing, so the session is fresh
    FundingOpportunityFactory(title="Closes in 20 days", deadline=now + timedelta(days=20))
    FundingOpportunityFactory(title="Closes in 3 days", deadline=now + timedelta(days=3))
    FundingOpportunityFactory(title="Closed yesterday", deadline=now - timedelta(days=1), status=Status.PREPARING)
    response = officer_client.get(LIST)
    titles = [o.title for o in response.context["object_list"]]
    assert titles == ["Closes in 3 days", "Closes in 20 days", "Closed yesterday"]
    page = response.content.decode()
    assert page.count("deadline-soon table-warning") == 1
    assert page.count("deadline-overdue table-danger") == 1
    assert page.index("Closes in 3 days") < page.index("deadline-overdue")


def test_list_filters(client, officer, other_officer, freeze):
    now = freeze(kl(2027, 11, 9, 12, 0))
    officer_client = logged_in(client, officer)  # after freezing, so the session is fresh
    theme, sdg = (
        Theme.objects.create(code="climate", name="Climate"),
        SDG.objects.get_or_create(number=13, defaults={"title": "Climate action", "colour": "#3F7E44"})[0],
    )
    adb = OrganisationFactory(name="Asian Development Bank")
    target = FundingOpportunityFactory(
        title="Target",
        funder=adb,
        kind=FundingOpportunity.Kind.GRANT,
        status=Status.PREPARING,
        currency="USD",
        owner=officer,
        deadline=now + timedelta(days=5),
    )
    target.themes.add(theme)
    target.sdgs.add(sdg)
    FundingOpportunityFactory(title="Other", owner=other_officer, deadline=now + timedelta(days=40))
    filters = {
        "status": Status.PREPARING,
        "kind": FundingOpportunity.Kind.GRANT,
        "funder": adb.pk,
        "theme": theme.pk,
        "sdg": sdg.pk,
        "deadline_within": 7,
        "owner": officer.pk,
        "currency": "usd",
        "q": "asian development",
    }
    for key, value in filters.items():
        titles = [o.title for o in officer_client.get(LIST, {key: value}).context["object_list"]]
        assert titles == ["Target"], key


def test_invalid_filter_shows_an_error_not_a_server_error(officer_client):
    FundingOpportunityFactory()
    response = officer_client.get(LIST, {"deadline_within": "soon"})
    assert response.status_code == 200
    assert "Enter a number." in response.content.decode()


def logged_in(client, user):
    login(client, user)
    return client


def _list_queries(client, count):
    FundingOpportunityFactory.create_batch(count)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_list_runs_the_same_number_of_queries_for_5_or_25_rows(officer_client):
    few = _list_queries(officer_client, 5)
    many = _list_queries(officer_client, 20)
    assert few == many
    assert many <= 12


def test_list_htmx_request_gets_the_rows_only(officer_client):
    FundingOpportunityFactory(title="A call")
    response = officer_client.get(LIST, headers={"HX-Request": "true"})
    assert response.templates[0].name == "funding/_fundingopportunity_rows.html"
    assert "A call" in response.content.decode()


def test_exports_are_filtered(client, officer, freeze):
    now = freeze(kl(2027, 11, 9, 12, 0))
    officer_client = logged_in(client, officer)  # after freezing, so the session is fresh
    FundingOpportunityFactory(title="Soon", deadline=now + timedelta(days=2))
    FundingOpportunityFactory(title="=Later", deadline=now + timedelta(days=90))
    csv = b"".join(officer_client.get(LIST, {"export": "csv", "deadline_within": 30}).streaming_content).decode()
    assert "Soon" in csv and "Later" not in csv
    response = officer_client.get(LIST, {"export": "xlsx"})
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    assert next(sheet.iter_rows(max_row=1, values_only=True))[:2] == ("Title", "Funder")
    titles = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["Soon", "=Later"]
    assert sheet.cell(row=2, column=5).value == datetime(2027, 11, 11, 12, 0)  # local time


def test_detail_shows_milestones_partnership_interactions_and_myr_value(officer_client, officer, other_officer):
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("4.2"), valid_from="2020-01-01")
    partnership = Partnership.objects.create(title="KL-Fukuoka city partnership")
    opportunity = FundingOpportunityFactory(currency="USD", amount_requested=10_000, partnership=partnership)
    MilestoneFactory(opportunity=opportunity, label="Full proposal")
    InteractionFactory(subject="Call with the programme officer", concerns=[opportunity])
    InteractionFactory(
        subject="Confidential budget talk", concerns=[opportunity], confidential=True, author=other_officer
    )
    page = officer_client.get(opportunity.get_absolute_url()).content.decode()
    assert "Full proposal" in page
    assert "KL-Fukuoka city partnership" in page
    assert "Call with the programme officer" in page
    assert "Confidential budget talk" not in page
    assert "MYR 42,000.00" in page
    assert "1 USD = 4.200000 MYR" in page


def test_detail_says_when_a_currency_has_no_rate(officer_client):
    opportunity = FundingOpportunityFactory(currency="JPY", amount_requested=1_000_000)
    page = officer_client.get(opportunity.get_absolute_url()).content.decode()
    assert "JPY 1,000,000.00" in page
    assert "No exchange rate for JPY: not converted." in page


def test_detail_shows_history_of_changes(officer_client):
    opportunity = FundingOpportunityFactory()
    opportunity.title = "Renamed"
    opportunity.save()
    page = officer_client.get(opportunity.get_absolute_url()).content.decode()
    assert "History" in page and "changed" in page


def test_supervisor_reads_but_sees_no_edit_controls(supervisor_client):
    opportunity = FundingOpportunityFactory()
    page = supervisor_client.get(opportunity.get_absolute_url()).content.decode()
    assert opportunity.title in page
    assert reverse("funding:opportunity_status", args=[opportunity.pk]) not in page
    assert reverse("funding:milestone_add", args=[opportunity.pk]) not in page


def test_officer_awards_through_the_status_form(officer_client):
    opportunity = FundingOpportunityFactory(status=Status.SHORTLISTED)
    url = reverse("funding:opportunity_status", args=[opportunity.pk])
    response = officer_client.post(url, {"status": "awarded", "amount_awarded": "90000", "decision_date": "2027-12-01"})
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.amount_awarded) == (Status.AWARDED, Decimal("90000"))


def test_awarded_without_amount_is_refused_on_the_page(officer_client):
    opportunity = FundingOpportunityFactory(status=Status.SHORTLISTED)
    url = reverse("funding:opportunity_status", args=[opportunity.pk])
    response = officer_client.post(url, {"status": "awarded", "decision_date": "2027-12-01"})
    assert response.status_code == 200
    assert "An awarded opportunity needs the amount awarded." in response.content.decode()
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.decision_date) == (Status.SHORTLISTED, None)


def test_supervisor_cannot_change_a_status(supervisor_client):
    opportunity = FundingOpportunityFactory(status=Status.SHORTLISTED)
    url = reverse("funding:opportunity_status", args=[opportunity.pk])
    response = supervisor_client.post(url, {"status": "rejected"})
    assert response.status_code == 403
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SHORTLISTED
    assert opportunity.history.count() == 1


def test_officer_adds_a_milestone_and_marks_it_done(client, officer, freeze):
    freeze(kl(2027, 11, 9, 12, 0))
    officer_client = logged_in(client, officer)  # after freezing, so the session is fresh
    opportunity = FundingOpportunityFactory()
    response = officer_client.post(
        reverse("funding:milestone_add", args=[opportunity.pk]),
        {"milestone-label": "Interim report", "milestone-due": "2028-03-31T17:00"},
    )
    assert response.status_code == 302
    milestone = opportunity.milestones.get()
    assert milestone.due == datetime(2028, 3, 31, 9, 0, tzinfo=UTC)
    officer_client.post(reverse("funding:milestone_done", args=[milestone.pk]))
    milestone.refresh_from_db()
    assert str(milestone.done_on) == "2027-11-09"


def test_milestone_without_a_due_date_is_refused(officer_client):
    opportunity = FundingOpportunityFactory()
    response = officer_client.post(reverse("funding:milestone_add", args=[opportunity.pk]), {"milestone-label": "X"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Milestone.objects.exists()


def test_supervisor_cannot_add_or_complete_milestones(supervisor_client):
    milestone = MilestoneFactory()
    add = reverse("funding:milestone_add", args=[milestone.opportunity.pk])
    assert supervisor_client.post(add, {"milestone-label": "X", "milestone-due": "2028-01-01T10:00"}).status_code == 403
    assert supervisor_client.post(reverse("funding:milestone_done", args=[milestone.pk])).status_code == 403
    milestone.refresh_from_db()
    assert milestone.done_on is None
    assert Milestone.objects.count() == 1


def test_officer_deletes_an_opportunity_and_its_interactions_stay(officer_client):
    opportunity = FundingOpportunityFactory()
    interaction = InteractionFactory(concerns=[opportunity])
    response = officer_client.post(reverse("funding:opportunity_delete", args=[opportunity.pk]))
    assert response["Location"] == LIST
    assert not FundingOpportunity.objects.exists()
    interaction.refresh_from_db()
    assert not interaction.funding_opportunities.exists()


def test_an_interaction_logged_from_an_opportunity_page_concerns_it_and_shows_there(officer_client, officer):
    opportunity = FundingOpportunityFactory(title="UNDP call for proposals")
    log_url = reverse("funding:opportunity_log_interaction", args=[opportunity.pk])
    page = officer_client.get(opportunity.get_absolute_url())
    assert log_url in page.content.decode()
    assert opportunity.funder_id in page.context["log_form"].initial["organisations"]

    officer_client.post(
        log_url,
        {"occurred_at": "2026-11-20T10:30", "kind": "call", "subject": "Call with the programme officer"},
        HTTP_HX_REQUEST="true",
    )

    interaction = opportunity.interactions.get()
    assert interaction.author == officer
    assert "Call with the programme officer" in officer_client.get(opportunity.get_absolute_url()).content.decode()
    assert "UNDP call for proposals" in officer_client.get(interaction.get_absolute_url()).content.decode()

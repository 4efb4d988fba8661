"""The supervisors' dashboard: figures against independent counts, their links, filters, roles, export, queries."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import login
from contacts.models import Person
from contacts.tests.factories import AffiliationFactory, InteractionFactory, OrganisationFactory, PersonFactory
from events.models import Event, Participation
from events.tests.factories import EventFactory, ParticipationFactory, TrainingFactory, kl
from funding.models import FundingOpportunity
from funding.tests.factories import FundingOpportunityFactory
from liaison.reference.models import SDG, ExchangeRate, State, Theme
from partnerships.models import Agreement, Partnership
from partnerships.tests.factories import AgreementFactory, PartnerRoleFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

YEAR = 2027  # the events' year: the period asked for is YEAR, whatever today is
PERIOD = f"?period=custom&start={YEAR}-01-01&end={YEAR}-12-31"


def reference():
    climate = Theme.objects.get_or_create(code="climate", defaults={"name": "Climate action"})[0]
    gender = Theme.objects.get_or_create(code="gender", defaults={"name": "Gender budgeting"})[0]
    selangor = State.objects.get_or_create(
        iso_code="MY-10", defaults={"name": "Selangor", "name_ms": "Selangor", "kind": "state", "abbreviation": "SGR"}
    )[0]
    penang = State.objects.get_or_create(
        iso_code="MY-07",
        defaults={"name": "Penang", "name_ms": "Pulau Pinang", "kind": "state", "abbreviation": "PNG"},
    )[0]
    sdg5 = SDG.objects.get_or_create(number=5, defaults={"title": "Gender equality", "colour": "#FF3A21"})[0]
    sdg11 = SDG.objects.get_or_create(
        number=11, defaults={"title": "Sustainable cities and communities", "colour": "#FD9D24"}
    )[0]
    return climate, gender, selangor, penang, sdg5, sdg11


@pytest.fixture
def known(officer, other_officer):
    """A small office whose every figure is counted by hand in the tests."""

    climate, gender, selangor, penang, sdg5, sdg11 = reference()
    today = timezone.localdate()
    mbsa = OrganisationFactory(name="Majlis Bandaraya Shah Alam", acronym="MBSA", state=selangor)
    mbsa.themes.add(climate)
    mbpj = OrganisationFactory(name="Majlis Bandaraya Petaling Jaya", state=selangor)
    mbpp = OrganisationFactory(name="Majlis Bandaraya Pulau Pinang", state=penang)
    mbpp.themes.add(climate)
    ngo = OrganisationFactory(name="Penang Women's Development Corporation", kind="ngo", state=penang)
    undp = OrganisationFactory(name="UNDP", kind="un_agency", state=None, country="US")

    # People: two at MBSA (one also at the NGO), one at MBPP, one past post only.
    aisyah = PersonFactory(full_name="Aisyah", gender="female", country="MY")
    aisyah.themes.add(climate)
    AffiliationFactory(person=aisyah, organisation=mbsa)
    AffiliationFactory(person=aisyah, organisation=ngo)
    ravi = PersonFactory(full_name="Ravi", gender="male", country="MY")
    AffiliationFactory(person=ravi, organisation=mbsa)
    mei = PersonFactory(full_name="Mei Ling", gender="female", country="SG")
    AffiliationFactory(person=mei, organisation=mbpp)
    former = PersonFactory(full_name="Former", gender="male", country="ID")
    AffiliationFactory(person=former, organisation=mbpj, is_current=False)

    # Partnerships: stages, themes, partners' states, SDGs; one recently discussed.
    def partnership(stage, partners=(), themes=(), sdgs=(), **kwargs):
        p = PartnershipFactory(stage=stage, **kwargs)
        for org in partners:
            PartnerRoleFactory(partnership=p, organisation=org)
        p.themes.add(*themes)
        p.sdgs.add(*sdgs)
        return p

    talked = partnership("active", [mbsa], [climate], [sdg11], title="Shah Alam climate plan")
    InteractionFactory(concerns=[talked], occurred_at=timezone.now() - timedelta(days=10))
    old_talk = partnership("exploring", [mbpp, mbsa], [climate, gender], [sdg5, sdg11], title="Penang GRB")
    InteractionFactory(concerns=[old_talk], occurred_at=timezone.now() - timedelta(days=120))
    partnership("exploring", [ngo], [gender], [sdg5], title="Women in planning")
    partnership("idea", [undp], [], [], title="UNDP data")
    partnership("completed", [mbpj], [climate], [sdg11], title="Old exchange", end_date=today - timedelta(days=400))
    # A confidential recent interaction by another officer still counts as "not quiet" only for who sees it.
    secret = partnership("negotiating", [mbpj], [], [], title="Quiet to officers")
    InteractionFactory(concerns=[secret], confidential=True, author=other_officer)

    # Agreements: two in force expiring within 90 days, one later, one draft.
    signed = today - timedelta(days=300)
    AgreementFactory(status="signed", signed_date=signed, expiry_date=today + timedelta(days=20), partnership=talked)
    AgreementFactory(status="active", signed_date=signed, expiry_date=today + timedelta(days=90), partnership=talked)
    AgreementFactory(status="active", signed_date=signed, expiry_date=today + timedelta(days=200), partnership=talked)
    AgreementFactory(status="draft", expiry_date=today + timedelta(days=10), partnership=talked)

    # Funding: deadlines in the next 30 days (two still to submit, one submitted), in USD and MYR.
    ExchangeRate.objects.create(currency="USD", rate_to_myr=Decimal("4.5"), valid_from=today - timedelta(days=30))
    soon = timezone.now() + timedelta(days=10)
    f1 = FundingOpportunityFactory(status="identified", deadline=soon, amount_requested=Decimal("1000"))
    f1.themes.add(climate)
    f1.sdgs.add(sdg11)
    f2 = FundingOpportunityFactory(status="preparing", deadline=soon, currency="USD", amount_requested=Decimal("100"))
    f2.sdgs.add(sdg5, sdg11)
    FundingOpportunityFactory(status="submitted", deadline=soon, amount_requested=Decimal("500"))
    FundingOpportunityFactory(status="identified", deadline=timezone.now() + timedelta(days=45))
    FundingOpportunityFactory(status="awarded", deadline=None, amount_awarded=Decimal("20000"))

    # Follow-ups: two overdue (one confidential, another officer's), one due today, one done.
    yesterday = today - timedelta(days=1)
    InteractionFactory(subject="Send the MOU draft", follow_up_date=yesterday, author=officer)
    InteractionFactory(subject="Budget talk", follow_up_date=yesterday, confidential=True, author=other_officer)
    InteractionFactory(subject="Call back", follow_up_date=today, author=officer)
    InteractionFactory(subject="Done", follow_up_date=yesterday, follow_up_done=True, author=officer)

    # Events in YEAR: levels, months, a cancelled one, one the year before.
    def event(month, level="national", themes=(), sdgs=(), factory=EventFactory, **kwargs):
        e = factory(start=kl(date(YEAR, month, 10)), level=level, **kwargs)
        e.themes.add(*themes)
        e.sdgs.add(*sdgs)
        return e

    event(2, "national", [climate], [sdg11])
    event(2, "local")
    event(5, "regional", [], [sdg5])
    event(5, "national", status=Event.Status.CANCELLED)
    EventFactory(start=kl(date(YEAR - 1, 12, 1)))
    hub = event(3, "local", [gender], [sdg5], factory=TrainingFactory, status=Event.Status.HELD)
    elsewhere = event(6, "national", [climate], factory=TrainingFactory, at_training_hub=False)
    attended = Participation.Status.ATTENDED
    ParticipationFactory(event=hub, person=aisyah, organisation=mbsa, status=attended)
    ParticipationFactory(event=hub, person=mei, organisation=mbpp, status=attended)
    ParticipationFactory(event=hub, person=ravi, organisation=None, status=attended)
    ParticipationFactory(event=hub, person=former, status=Participation.Status.NO_SHOW)
    ParticipationFactory(event=elsewhere, person=aisyah, organisation=mbsa, status=attended)
    ParticipationFactory(event=elsewhere, person=former, organisation=mbpj, status=attended)
    return {"climate": climate, "gender": gender, "selangor": selangor, "penang": penang, "sdg5": sdg5}


def around_today(before=365, after=365):
    """A custom period from `before` days ago to `after` days ahead: the cards' hand counts do not hang on the date."""
    today = timezone.localdate()
    return f"?period=custom&start={today - timedelta(days=before)}&end={today + timedelta(days=after)}"


def board_of(client, query=PERIOD):
    response = client.get(reverse("dashboard:dashboard") + query)
    assert response.status_code == 200
    return response.context["board"]


def figure(board, key, label, column=0):
    table = next(t for t in board.tables if t.key == key)
    row = next(r for r in table.rows if r.label == label)
    return row.values[column], row.urls[column]


def attention(board, key):
    return next(item for item in board.attention if item.key == key)


def listed(client, url):
    """How many rows the list behind a figure shows."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert not response.context["filter"].errors, (url, response.context["filter"].errors)
    return response.context["paginator"].count


def test_each_figure_equals_the_count_made_by_hand(known, supervisor_client):
    board = board_of(supervisor_client)
    assert figure(board, "organisations_by_kind", "Local government")[0] == 3
    assert figure(board, "organisations_by_state", "Selangor")[0] == 2
    assert figure(board, "people_by_kind", "Local government")[0] == 3  # the past post does not count
    assert figure(board, "people_by_kind", "NGO or civil society")[0] == 1
    assert figure(board, "partnerships_by_stage", "Exploring")[0] == 2
    assert figure(board, "partnerships_by_stage", "Dropped")[0] == 0
    assert figure(board, "partnerships_by_theme", "Climate action")[0] == 3
    assert figure(board, "funding_pipeline", "Identified") == (
        2,
        reverse("funding:opportunity_list") + "?status=identified",
    )
    assert figure(board, "funding_pipeline", "Preparing", 1)[0] == Decimal("450.00")  # USD 100 at 4.5
    assert figure(board, "events_by_level", "National")[0] == 2  # cancelled and last year's left out
    assert figure(board, "events_by_level", "Local")[0] == 2
    assert figure(board, "events_by_month", "February 2027")[0] == 2
    assert figure(board, "events_by_month", "March 2027", 1)[0] == 3
    assert figure(board, "events_by_month", "June 2027", 1)[0] == 2
    assert figure(board, "people_trained", "People trained")[0] == 4
    assert figure(board, "people_trained", "Women trained")[0] == 2
    assert figure(board, "people_trained", "Share of women (%)")[0] == 50
    assert figure(board, "hub_trainings", "Trainings held")[0] == 1
    assert figure(board, "hub_by_country", "Malaysia")[0] == 2
    assert figure(board, "hub_by_country", "Singapore")[0] == 1
    assert figure(board, "hub_by_kind", "Local government")[0] == 2
    sdg11 = next(cells for sdg, cells in board.sdg_rows() if sdg.number == 11)
    assert [count for _label, count, _url in sdg11] == [3, 2, 1]
    board = board_of(supervisor_client, around_today())  # the cards look ahead or back from today
    assert attention(board, "deadlines").count == 2  # the submitted one needs nobody
    assert attention(board, "agreements_expiring").count == 2
    assert attention(board, "quiet_partnerships").count == 3  # open, nothing in 90 days (the secret one seen)
    assert attention(board, "overdue_follow_ups").count == 2


def test_following_each_figure_shows_exactly_that_many_rows(known, supervisor_client):
    board = board_of(supervisor_client)
    checked = 0
    for table in [*board.tables, board.sdg_table()]:
        for row in table.rows:
            for column, (value, url) in enumerate(zip(row.values, row.urls, strict=True)):
                if url is None or (table.key, column) == ("funding_pipeline", 1) or "%" in row.label:
                    continue  # a value in ringgit or a share, not a number of rows
                assert listed(supervisor_client, url) == value, (table.key, row.label, url)
                checked += 1
    for item in board.attention:
        assert listed(supervisor_client, item.url) == item.count, item.key
        checked += 1
    assert checked > 60


def test_figures_follow_the_theme_and_state_filters(known, supervisor_client):
    theme = known["climate"].pk
    board = board_of(supervisor_client, f"{PERIOD}&theme={theme}&state={known['selangor'].pk}")
    assert figure(board, "organisations_by_kind", "Local government")[0] == 1  # MBSA
    assert figure(board, "partnerships_by_stage", "Active")[0] == 1
    assert figure(board, "partnerships_by_stage", "Exploring")[0] == 1  # Penang GRB has MBSA too
    assert figure(board, "events_by_level", "National")[0] == 2
    cards = board_of(supervisor_client, f"{around_today()}&theme={theme}&state={known['selangor'].pk}")
    assert attention(cards, "deadlines").count == 1
    for table in board.tables:
        for row in table.rows:
            value, url = row.values[0], row.urls[0]
            if url and "%" not in row.label:
                assert listed(supervisor_client, url) == value, (table.key, row.label)


def test_this_quarter_is_the_default_choice_and_counts_only_its_events(known, supervisor_client):
    board = board_of(supervisor_client, "?period=quarter")
    today = timezone.localdate()
    assert board.scope.start.month in (1, 4, 7, 10) and board.scope.start <= today <= board.scope.end
    assert board.scope.end.day in (30, 31)


def test_an_officer_does_not_see_another_officers_confidential_follow_up(known, officer_client):
    board = board_of(officer_client, around_today())
    overdue = attention(board, "overdue_follow_ups")
    assert overdue.count == 1
    assert [text for text, _detail, _url in overdue.items] == ["Send the MOU draft"]
    assert listed(officer_client, overdue.url) == 1
    # Nor does its interaction keep a partnership off the quiet list.
    assert attention(board, "quiet_partnerships").count == 4


@pytest.mark.parametrize(
    "query, message",
    [
        ("?period=custom&start=2027-05-01&end=2027-01-01", "ends before it starts"),
        ("?period=custom&start=2027-05-01", "needs both a start date and an end date"),
        ("?period=custom&start=not-a-date&end=2027-01-01", "Enter a valid date"),
        ("?period=decade", "Select a valid choice"),
        ("?theme=999999", "Select a valid choice"),
        ("?period=custom&start=1900-01-01&end=2027-01-01", "at most ten years"),
    ],
)
def test_invalid_filters_give_a_clear_message_not_an_error(supervisor_client, query, message):
    response = supervisor_client.get(reverse("dashboard:dashboard") + query)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "could not be applied" in body
    assert response.context["board"].scope.start == date(timezone.localdate().year, 1, 1)


def test_officers_and_supervisors_see_the_dashboard_outsiders_do_not(client, officer, supervisor, outsider):
    url = reverse("dashboard:dashboard")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for user, status in ((officer, 200), (supervisor, 200), (outsider, 403)):
        login(client, user)
        assert client.get(url).status_code == status, user
    assert f'href="{url}"' not in client.get(reverse("home")).content.decode()


def test_supervisors_land_on_the_dashboard_officers_reach_it_from_the_navigation(client, supervisor, officer):
    login(client, supervisor)
    assert client.get(reverse("home"))["Location"] == reverse("dashboard:dashboard")
    login(client, officer)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert f'href="{reverse("dashboard:dashboard")}"' in home.content.decode()


def test_the_page_shows_charts_tables_and_the_sdg_grid(known, supervisor_client):
    body = supervisor_client.get(reverse("dashboard:dashboard") + PERIOD).content.decode()
    for key in ("partnerships_by_stage", "funding_pipeline", "events_by_month"):
        assert f'data-chart="chart-{key}"' in body
        assert f'id="chart-{key}" type="application/json"' in body
        assert f'id="table-{key}"' in body
    assert "background-color: #FD9D24" in body  # SDG 11 in its UN colour
    assert "vendor/chart.js/chart.umd.min.js" in body
    assert "<script>" not in body.split("</nav>", 1)[1]  # no inline script, only JSON data islands


def test_the_excel_export_has_one_sheet_per_table(known, supervisor_client):
    response = supervisor_client.get(reverse("dashboard:dashboard") + PERIOD + "&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:3] == ["Partnerships by stage", "Partnerships by theme", "Funding pipeline by status"]
    assert {"Needs attention", "SDG coverage", "Organisations by kind", "People trained"} <= set(workbook.sheetnames)
    stages = {row[0]: row[1] for row in workbook["Partnerships by stage"].iter_rows(min_row=2, values_only=True)}
    assert stages["Exploring"] == 2
    pipeline = list(workbook["Funding pipeline by status"].values)
    assert pipeline[0][1:] == ("Opportunities", "Value (MYR)")


def test_an_exported_label_that_looks_like_a_formula_stays_text(supervisor_client):
    Theme.objects.create(code="evil", name="=HYPERLINK(1)")
    PartnershipFactory().themes.add(Theme.objects.get(code="evil"))
    workbook = load_workbook(io.BytesIO(supervisor_client.get(reverse("dashboard:dashboard") + "?export=xlsx").content))
    cell = workbook["Partnerships by theme"]["A2"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


def _partnerships(n, org, theme, sdg):
    made = Partnership.objects.bulk_create(
        Partnership(title=f"P{i}", stage=Partnership.Stage.values[i % 8], end_date=date(2026, 1, 1)) for i in range(n)
    )
    Partnership.themes.through.objects.bulk_create(Partnership.themes.through(partnership=p, theme=theme) for p in made)
    Partnership.sdgs.through.objects.bulk_create(Partnership.sdgs.through(partnership=p, sdg=sdg) for p in made)
    Partnership.partners.through.objects.bulk_create(
        Partnership.partners.through(partnership=p, organisation=org) for p in made
    )


def _queries(client, query):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard:dashboard") + query).status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_the_partnerships(known, supervisor_client):
    org = OrganisationFactory(state=known["selangor"])
    query = f"{PERIOD}&theme={known['climate'].pk}"
    _partnerships(10, org, known["climate"], known["sdg5"])
    with_ten = _queries(supervisor_client, query)
    _partnerships(990, org, known["climate"], known["sdg5"])
    assert _queries(supervisor_client, query) == with_ten
    assert with_ten < 50


def test_people_list_trained_filter_counts_one_attendance_meeting_every_condition(known, supervisor_client):
    """Aisyah was trained at the hub (gender) and elsewhere (climate): not 'at the hub on climate'."""
    url = reverse("events:people_trained")
    both = f"?trained_after={YEAR}-01-01&trained_before={YEAR}-12-31&trained_at_hub=true&trained_theme="
    assert listed(supervisor_client, url + both + str(known["climate"].pk)) == 0
    assert listed(supervisor_client, url + both + str(known["gender"].pk)) == 3
    assert Person.objects.count() >= 4


def test_agreement_and_funding_fixtures_are_what_the_figures_say(known):
    """Guards the hand counts above against a change in the factories' defaults."""
    assert Agreement.objects.expiring_within(90).count() == 2
    assert FundingOpportunity.objects.to_submit().deadline_within(30).count() == 2
    assert Participation.objects.trained().count() == 5


@pytest.mark.parametrize(
    "url_name, name",
    [
        ("partnerships:partnership_list", "quiet"),
        ("contacts:interaction_list", "overdue"),
        ("events:event_list", "training"),
        ("events:event_list", "active"),
    ],
)
def test_the_lists_new_yes_no_filters_split_the_rows_in_two(known, supervisor_client, url_name, name):
    url = reverse(url_name)
    yes, no = (listed(supervisor_client, f"{url}?{name}={value}") for value in ("true", "false"))
    assert yes > 0 and no > 0
    assert yes + no == listed(supervisor_client, url)


def test_the_period_select_shows_the_default_period(supervisor_client):
    body = supervisor_client.get(reverse("dashboard:dashboard")).content.decode()
    select = body.split('name="period"', 1)[1].split("</select>", 1)[0]
    assert '<option value="year" selected>' in select


def periods():
    """This year (the default), a past and a future custom period, as the dashboard's query."""
    today = timezone.localdate()
    return {
        "this year": "?period=year",
        "past": f"?period=custom&start={today - timedelta(days=200)}&end={today - timedelta(days=1)}",
        "future": f"?period=custom&start={today + timedelta(days=5)}&end={today + timedelta(days=200)}",
    }


def period_fixtures(officer):
    """Records that a period leaves in or out of the cards: old and recent follow-ups, a partnership not begun."""
    today = timezone.localdate()
    for days in (300, 100):
        InteractionFactory(subject=f"{days} days late", follow_up_date=today - timedelta(days=days), author=officer)
    PartnershipFactory(stage="idea", title="Starts next month", start_date=today + timedelta(days=30))


@pytest.mark.parametrize("period", ["this year", "past", "future"])
@pytest.mark.parametrize("theme", [None, "climate", "gender"])
@pytest.mark.parametrize("state", [None, "selangor", "penang"])
def test_each_attention_card_counts_the_rows_of_the_list_it_links_to_under_the_filters(
    known, officer_client, officer, period, theme, state
):
    period_fixtures(officer)
    query = periods()[period]
    if theme:
        query += f"&theme={known[theme].pk}"
    if state:
        query += f"&state={known[state].pk}"
    board = board_of(officer_client, query)
    assert {item.key for item in board.attention} == {
        "deadlines",
        "agreements_expiring",
        "quiet_partnerships",
        "overdue_follow_ups",
    }
    for item in board.attention:
        assert listed(officer_client, item.url) == item.count, (item.key, item.url)
        assert len(item.items) == min(item.count, 5), item.key
        assert item.applies, item.key


def test_the_attention_cards_follow_the_period(known, supervisor_client, officer):
    """Overdue: due in the period and before today; the others: ahead of today and in the period, or under way in it."""
    period_fixtures(officer)

    def counts(query):
        board = board_of(supervisor_client, query)
        for item in board.attention:
            assert "period" in str(item.applies), item.key
        return {item.key: item.count for item in board.attention}

    # Follow-ups 300 and 100 days late and two of yesterday's; agreements ending in 20 and 90 days; deadlines in 10.
    assert counts(around_today()) == {
        "overdue_follow_ups": 4,
        "agreements_expiring": 2,
        "deadlines": 2,
        "quiet_partnerships": 4,
    }
    assert counts(periods()["past"]) == {
        "overdue_follow_ups": 3,  # not the one 300 days late
        "agreements_expiring": 0,
        "deadlines": 0,
        "quiet_partnerships": 3,  # the partnership starting next month was not under way
    }
    today = timezone.localdate()
    assert counts(f"?period=custom&start={today + timedelta(days=15)}&end={today + timedelta(days=60)}") == {
        "overdue_follow_ups": 0,
        "agreements_expiring": 1,  # the one in 20 days; the one in 90 days ends after the period
        "deadlines": 0,  # the deadlines in 10 days come before the period
        "quiet_partnerships": 4,
    }
    upto_today = counts(f"?period=custom&start={today - timedelta(days=150)}&end={today}")
    assert (upto_today["overdue_follow_ups"], upto_today["agreements_expiring"]) == (3, 0)


@pytest.mark.parametrize(
    "url_name, name",
    [
        ("contacts:interaction_list", "follow_up_due"),
        ("partnerships:agreement_list", "expires"),
        ("partnerships:partnership_list", "under_way"),
        ("funding:opportunity_list", "deadline"),
    ],
)
def test_the_cards_date_range_filters_refuse_an_absurd_date(supervisor_client, url_name, name):
    response = supervisor_client.get(f"{reverse(url_name)}?{name}_after=1800-01-01&{name}_before=2027-01-01")
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_the_attention_cards_follow_the_theme_and_state_filters(known, officer_client, officer):
    yesterday = timezone.localdate() - timedelta(days=1)
    aisyah, mei = Person.objects.get(full_name="Aisyah"), Person.objects.get(full_name="Mei Ling")
    for person in (aisyah, mei):
        interaction = InteractionFactory(subject=f"Call {person}", follow_up_date=yesterday, author=officer)
        interaction.people.add(person)

    def counts(**filters):
        query = around_today() + "".join(f"&{key}={known[value].pk}" for key, value in filters.items())
        board = board_of(officer_client, query)
        return {item.key: item.count for item in board.attention}

    unfiltered = counts()
    assert unfiltered["overdue_follow_ups"] == 3  # two about nobody, Aisyah's and Mei Ling's
    assert unfiltered["agreements_expiring"] == 2
    climate = counts(theme="climate")
    assert climate["overdue_follow_ups"] == 1  # Aisyah works on climate
    assert climate["agreements_expiring"] == 2  # their partnership is on climate
    assert climate["deadlines"] == 1
    gender = counts(theme="gender")
    assert (gender["overdue_follow_ups"], gender["agreements_expiring"], gender["deadlines"]) == (0, 0, 0)
    assert counts(state="penang")["overdue_follow_ups"] == 2  # Mei Ling at MBPP, Aisyah also at the NGO
    assert counts(state="penang")["agreements_expiring"] == 0  # the partnership's partner is in Selangor
    assert counts(state="selangor")["overdue_follow_ups"] == 1
    assert counts(theme="climate", state="penang")["overdue_follow_ups"] == 1


def test_a_card_naming_some_of_its_records_links_to_the_rest(known, officer_client, officer):
    yesterday = timezone.localdate() - timedelta(days=1)
    InteractionFactory.create_batch(6, follow_up_date=yesterday, author=officer)
    response = officer_client.get(reverse("dashboard:dashboard") + around_today())
    card = attention(response.context["board"], "overdue_follow_ups")
    assert (card.count, len(card.items), card.more) == (7, 5, 2)
    assert "and 2 more" in response.content.decode()
    assert listed(officer_client, card.url) == 7

"""The activity report: every figure is the dashboard's for the same filters, in English and Malay, in Word and PDF."""

from datetime import date
from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from events.models import Event, Mission
from events.tests.factories import MissionFactory, ProgrammeFactory
from liaison.dashboard.tests.test_dashboard import PERIOD, YEAR, known  # noqa: F401 (the fixture)
from partnerships.models import Agreement, Partnership, StageChange, VoluntaryReview
from partnerships.tests.factories import AgreementFactory, PartnershipFactory, VoluntaryReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(known, officer):  # noqa: F811
    """What the report adds to the dashboard's data: stage changes, agreements signed, reviews, missions."""
    moved = PartnershipFactory(stage=Partnership.Stage.ACTIVE, title="Moved in the year")
    for before, after, on in [
        ("exploring", "negotiating", date(YEAR, 2, 1)),
        ("negotiating", "active", date(YEAR, 9, 1)),
        ("idea", "exploring", date(YEAR - 1, 9, 1)),
    ]:
        StageChange.objects.create(partnership=moved, from_stage=before, to_stage=after, changed_on=on)
    AgreementFactory(kind=Agreement.Kind.MOU, status="signed", signed_date=date(YEAR, 3, 3), partnership=moved)
    AgreementFactory(kind=Agreement.Kind.LOI, status="signed", signed_date=date(YEAR - 1, 3, 3), partnership=moved)
    VoluntaryReviewFactory(kind=VoluntaryReview.Kind.VLR, year=YEAR, status=VoluntaryReview.Status.PUBLISHED)
    VoluntaryReviewFactory(kind=VoluntaryReview.Kind.VLR, year=YEAR, status=VoluntaryReview.Status.PLANNED)
    VoluntaryReviewFactory(kind=VoluntaryReview.Kind.VNR, year=YEAR + 1)
    reported = date(YEAR, 6, 1)
    MissionFactory(traveller=officer, start_date=date(YEAR, 5, 16), end_date=date(YEAR, 5, 20), report_done=reported)
    MissionFactory(traveller=officer, start_date=date(YEAR, 12, 30), end_date=date(YEAR + 1, 1, 3))
    MissionFactory(traveller=officer, start_date=date(YEAR + 1, 2, 1), end_date=date(YEAR + 1, 2, 3))


def speaking(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def dashboard_tables(client, query=PERIOD):
    response = client.get(reverse("dashboard:dashboard") + query)
    assert response.status_code == 200
    return response.context["board"].all_tables()


def report(client, fmt, query=PERIOD):
    response = client.get(reverse("reports:activity") + query + f"&format={fmt}")
    assert response.status_code == 200, response.content[:500]
    return response


def table_of(table):
    """The dashboard's table as the report must print it: headings, then label and numbers as shown."""
    return [
        ["", *(str(column) for column in table.columns)],
        *([str(row.label), *(str(shown) for shown, _url in row.cells)] for row in table.rows),
    ]


def figure(tables, key, label):
    table = next(t for t in tables if t.key == key)
    return next(r for r in table.rows if r.label == label).values


def test_the_new_figures_are_counted_as_by_hand(activity, supervisor_client):
    tables = dashboard_tables(supervisor_client)
    assert figure(tables, "partnerships_advanced", "Negotiating") == [1]
    assert figure(tables, "partnerships_advanced", "Active") == [1]
    assert figure(tables, "partnerships_advanced", "Exploring") == [0]  # the year before
    assert figure(tables, "agreements_in_period", str(Agreement.Kind.MOU.label))[0] == 1
    assert figure(tables, "voluntary_reviews", "Voluntary Local Review (VLR)") == [2, 1]
    assert figure(tables, "voluntary_reviews", "Voluntary National Review (VNR)") == [0, 0]
    assert figure(tables, "missions", str(Mission.Approval.APPROVED.label)) == [2, 1]


@pytest.mark.parametrize("language", ["en", "ms"])
def test_the_year_report_in_word_has_the_dashboards_every_figure(activity, supervisor_client, language):
    client = speaking(supervisor_client, language)
    tables = dashboard_tables(client)
    response = report(client, "docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(BytesIO(response.content))
    printed = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert printed == [table_of(table) for table in tables]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [str(table.title) for table in tables]
    assert len(document.inline_shapes) == sum(1 for t in tables if t.chart and t.rows)  # one chart image each
    text = "\n".join(p.text for p in document.paragraphs)
    title = {"en": "Activity report", "ms": "Laporan aktiviti"}[language]
    assert title in text and f"{YEAR}" in text


@pytest.mark.parametrize("language", ["en", "ms"])
def test_the_year_report_in_pdf_has_the_dashboards_every_figure(activity, supervisor_client, language):
    client = speaking(supervisor_client, language)
    tables = dashboard_tables(client)
    response = report(client, "pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for table in tables:
        assert " ".join(str(table.title).split()) in flat, table.title
        for row in table_of(table)[1:]:
            assert " ".join(" ".join(row).split()) in flat, (table.key, row)


def test_the_report_follows_the_filters_as_the_dashboard_does(known, supervisor_client):  # noqa: F811
    query = f"{PERIOD}&theme={known['climate'].pk}&state={known['selangor'].pk}"
    tables = dashboard_tables(supervisor_client, query)
    document = Document(BytesIO(report(supervisor_client, "docx", query).content))
    assert [[[c.text for c in row.cells] for row in t.rows] for t in document.tables] == [table_of(t) for t in tables]
    assert figure(tables, "partnerships_by_stage", "Active") == [1]


@pytest.fixture
def programme(known):  # noqa: F811
    """The gender programme holds the hub training (3 attended: Aisyah, Mei Ling, Ravi) and nothing else."""
    chosen = ProgrammeFactory(title="Gender-responsive budgeting")
    Event.objects.filter(at_training_hub=True).update(programme=chosen)
    return chosen


@pytest.mark.parametrize("language", ["en", "ms"])
def test_a_programme_narrows_the_report_and_the_dashboard_alike(programme, activity, supervisor_client, language):
    client = speaking(supervisor_client, language)
    query = f"{PERIOD}&programme={programme.pk}"
    tables = dashboard_tables(client, query)
    keys = [t.key for t in tables]
    # Only the figures of the programme's events and trainees: no partnerships, funding, missions or contacts.
    assert "partnerships_by_stage" not in keys and "missions" not in keys and "organisations_by_kind" not in keys
    assert {"events_by_level", "people_trained", "hub_trainings"} <= set(keys)
    page = client.get(reverse("dashboard:dashboard") + query)
    board = page.context["board"]
    assert 'id="dashboard-narrowed"' in page.content.decode()
    levels = {row.label: row.values[0] for row in next(t for t in tables if t.key == "events_by_level").rows}
    assert sum(levels.values()) == 1  # the hub training; the other 4 events of the year are outside it
    trained = next(t for t in board.tables if t.key == "people_trained").rows[0]
    assert trained.values == [3]  # the training outside the programme (Aisyah again, Former) does not count
    people = client.get(trained.urls[0])
    assert people.status_code == 200 and people.context["paginator"].count == 3
    document = Document(BytesIO(report(client, "docx", query).content))
    assert [[[c.text for c in row.cells] for row in t.rows] for t in document.tables] == [table_of(t) for t in tables]
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{'Programme' if language == 'en' else 'Program'}: Gender-responsive budgeting" in text


def test_a_programme_that_does_not_exist_is_a_message_not_a_500(supervisor_client):
    for value in ("999999", "abc", "1\x00"):
        response = supervisor_client.get(reverse("reports:activity"), {"programme": value, "format": "docx"})
        assert response.status_code == 400
        assert response.context["form"].errors["programme"]
        dashboard = supervisor_client.get(reverse("dashboard:dashboard"), {"programme": value})
        assert dashboard.status_code == 200 and dashboard.context["invalid"]


def test_a_half_year_is_a_period_of_the_report_and_the_dashboard(supervisor_client):
    response = supervisor_client.get(reverse("reports:activity"), {"period": "half", "format": "docx"})
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert " 1 January " in f" {text} " or " 1 July " in f" {text} "


def test_invalid_filters_get_a_message_and_400(supervisor_client):
    response = supervisor_client.get(
        reverse("reports:activity"), {"period": "custom", "start": "2027-05-01", "end": "2027-01-01", "format": "pdf"}
    )
    assert response.status_code == 400
    assert "ends before it starts" in response.content.decode()


def test_the_dashboard_links_to_the_report_with_its_filters(supervisor_client):
    response = supervisor_client.get(reverse("dashboard:dashboard"), {"period": "quarter"})
    content = response.content.decode()
    assert reverse("reports:activity") + "?period=quarter&amp;format=docx" in content
    assert reverse("reports:activity") + "?period=quarter&amp;format=pdf" in content


def test_outsiders_get_no_report(client, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    client.force_login(user)
    assert client.get(reverse("reports:activity"), {"format": "docx"}).status_code == 403

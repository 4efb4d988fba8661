"""The back-to-office report: its follow-ups become interactions, it ends the report reminder, Word and PDF."""

from datetime import date
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from conftest import login
from contacts.models import Interaction
from contacts.tests.factories import PersonFactory
from events.models import Mission, MissionReport
from events.reminders import MissionReportSource

from .factories import MissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(officer):
    return MissionFactory(traveller=officer, destination="Baku", report_due=date(2027, 6, 5))


@pytest.fixture
def people():
    return PersonFactory(full_name="Datuk Aziz bin Hamid"), PersonFactory(full_name="Mei Ling", email="mei@iclei.org")


def submit(client, mission, follow_ups="", **fields):
    data = {"purpose": "Represent the office at WUF13.", "meetings": "UN-Habitat\nICLEI", "outcomes": "A joint VLR."}
    return client.post(
        reverse("events:mission_report", args=[mission.pk]), {**data, **fields, "follow_ups": follow_ups}
    )


def pending(mission):
    source = MissionReportSource()
    return [item.obj for item in source.items(mission.report_due, mission.report_due)]


def test_submitting_logs_each_follow_up_and_ends_the_report_reminder(officer_client, officer, mission, people):
    aziz, mei = people
    assert pending(mission) == [mission]
    lines = "Datuk Aziz bin Hamid | 2027-06-10 | Send the MOU draft\nmei@iclei.org | 2027-07-01 | Share the VLR outline"
    response = submit(officer_client, mission, lines)
    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.report_done is not None
    assert pending(mission) == []
    report = MissionReport.objects.get(mission=mission)
    follow_ups = list(report.interactions.order_by("follow_up_date"))
    assert [(i.subject, i.follow_up_date, list(i.people.all()), i.author) for i in follow_ups] == [
        ("Send the MOU draft", date(2027, 6, 10), [aziz], officer),
        ("Share the VLR outline", date(2027, 7, 1), [mei], officer),
    ]
    assert all(not i.follow_up_done for i in follow_ups)


def test_submitting_again_adds_only_the_new_follow_ups(officer_client, mission, people):
    first = "Datuk Aziz bin Hamid | 2027-06-10 | Send the MOU draft"
    submit(officer_client, mission, first)
    submit(officer_client, mission, first + "\nMei Ling | 2027-07-01 | Share the VLR outline", outcomes="Changed")
    assert Interaction.objects.count() == 2
    assert MissionReport.objects.get(mission=mission).outcomes == "Changed"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Datuk Aziz bin Hamid, 2027-06-10, Send it", "person | date"),
        ("Nobody Known | 2027-06-10 | Send it", "no person is called Nobody Known"),
        ("Datuk Aziz bin Hamid | 9999-01-01 | Send it", "Line 1"),
        ("Datuk Aziz bin Hamid | tomorrow | Send it", "Line 1"),
    ],
)
def test_a_bad_follow_up_line_is_refused_with_its_line_and_nothing_is_saved(
    officer_client, mission, people, line, message
):
    response = submit(officer_client, mission, line)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MissionReport.objects.exists() and not Interaction.objects.exists()
    mission.refresh_from_db()
    assert mission.report_done is None


def test_a_name_two_people_share_asks_for_the_email(officer_client, mission, people):
    PersonFactory(full_name="Mei Ling", email="other@example.org")
    response = submit(officer_client, mission, "Mei Ling | 2027-07-01 | Call")
    assert "several people are called Mei Ling" in response.content.decode()


def test_the_report_as_word_and_pdf(officer_client, supervisor, mission, people):
    assert submit(officer_client, mission, "Datuk Aziz bin Hamid | 2027-06-10 | Send the MOU draft").status_code == 302
    supervisor_client = Client()
    login(supervisor_client, supervisor)
    url = reverse("events:mission_report_document", args=[mission.pk])
    response = supervisor_client.get(url, {"format": "docx"})
    assert response.status_code == 200, response.content[:300]
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Back-to-office report: mission to Baku" in text
    assert "UN-Habitat" in text and "ICLEI" in text and "A joint VLR." in text
    follow_ups = document.tables[-1]
    assert [c.text for c in follow_ups.rows[1].cells] == ["Datuk Aziz bin Hamid", "10 June 2027", "Send the MOU draft"]
    response = supervisor_client.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    pdf = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Baku" in pdf and "Send the MOU draft" in pdf and "A joint VLR." in pdf
    assert supervisor_client.get(url, {"format": "odt"}).status_code == 400


def test_in_malay_the_report_speaks_malay(officer_client, mission, people):
    submit(officer_client, mission)
    officer_client.cookies["django_language"] = "ms"
    url = reverse("events:mission_report_document", args=[mission.pk])
    text = "\n".join(p.text for p in Document(BytesIO(officer_client.get(url, {"format": "docx"}).content)).paragraphs)
    assert "Laporan selepas bertugas" in text and "Tujuan" in text


def test_supervisors_read_the_report_but_cannot_submit_it(supervisor_client, mission):
    assert submit(supervisor_client, mission).status_code == 403
    url = reverse("events:mission_report_document", args=[mission.pk])
    assert supervisor_client.get(url).status_code == 404  # no report yet
    assert Mission.objects.get(pk=mission.pk).report_done is None

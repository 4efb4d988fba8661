"""Programme and mission pages."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Mission, Programme

from .factories import EventFactory, MissionFactory, ProgrammeFactory, TrainingFactory


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_programme_list_query_count_does_not_grow(officer_client, three_day_training):
    url = reverse("events:programme_list")
    few = queries(officer_client, url)
    ProgrammeFactory.create_batch(10)
    assert queries(officer_client, url) == few


def test_programme_list_shows_progress(officer_client, three_day_training, programme):
    response = officer_client.get(reverse("events:programme_list"))
    (row,) = response.context["object_list"]
    assert (row.people_trained, row.women_trained, row.local_governments_reached) == (30, 18, 6)
    assert "30 / 60" in response.content.decode()


def test_programme_export(officer_client, three_day_training):
    response = officer_client.get(reverse("events:programme_list") + "?export=csv")
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[1].startswith("Gender-responsive planning and budgeting 2027,2027-01-01,2027-12-31,60,30,18")


def test_programme_detail_lists_its_events_and_breakdowns(officer_client, three_day_training, programme):
    other = TrainingFactory(title="Not in the programme")
    response = officer_client.get(programme.get_absolute_url())
    page = response.content.decode()
    assert three_day_training.title in page
    assert other.title not in page
    assert {row["key"]: row["people"] for row in response.context["by_gender"]} == {"female": 18, "male": 12}


def test_officer_creates_a_programme_and_dates_are_checked(officer_client):
    url = reverse("events:programme_create")
    data = {
        "title": "Climate leadership 2028",
        "start_date": "2028-01-01",
        "end_date": "2027-12-31",
        "target_people_trained": "80",
    }
    response = officer_client.post(url, data)
    assert response.status_code == 200
    assert not Programme.objects.exists()
    response = officer_client.post(url, {**data, "end_date": "2028-12-31"})
    assert response.status_code == 302
    assert Programme.objects.get().target_people_trained == 80


def test_a_programme_page_with_no_target_or_attendance_says_so(officer_client):
    programme = ProgrammeFactory(target_people_trained=None, target_local_governments=None)
    page = officer_client.get(programme.get_absolute_url()).content.decode()
    assert "No target set." in page
    assert "0 people trained" in page


def test_deleting_a_programme_keeps_its_events(officer_client, programme):
    event = EventFactory(programme=programme)
    officer_client.post(reverse("events:programme_delete", args=[programme.pk]))
    event.refresh_from_db()
    assert event.programme is None


def test_mission_list_query_count_does_not_grow_and_filters_pending_reports(officer_client, officer):
    url = reverse("events:mission_list")
    MissionFactory.create_batch(3, traveller=officer)
    few = queries(officer_client, url)
    MissionFactory.create_batch(10, traveller=officer, report_done=date(2027, 6, 1))
    assert queries(officer_client, url) == few
    response = officer_client.get(url + "?report_pending=true")
    assert len(response.context["object_list"]) == 3


def test_officer_records_a_mission_with_its_events(officer_client, officer):
    wuf = EventFactory(title="WUF13")
    data = {
        "traveller": officer.pk,
        "destination": "Baku",
        "country": "AZ",
        "start_date": "2027-05-16",
        "end_date": "2027-05-23",
        "purpose": "Speak at the side event on gender-responsive budgeting.",
        "events": [wuf.pk],
        "approval": "submitted",
        "report_due": "2027-06-05",
    }
    response = officer_client.post(reverse("events:mission_create"), data)
    assert response.status_code == 302
    mission = Mission.objects.get()
    assert list(mission.events.all()) == [wuf]
    page = officer_client.get(mission.get_absolute_url()).content.decode()
    assert "WUF13" in page and "Mission to Baku" in page


def mission_data(**changes):
    data = {"destination": "Baku", "start_date": "2027-05-16", "end_date": "2027-05-20", "purpose": "WUF13"}
    return {**data, "approval": "draft", **changes}


def test_a_mission_cannot_return_before_it_leaves(officer_client, officer):
    data = mission_data(traveller=officer.pk, end_date="2027-05-10")
    response = officer_client.post(reverse("events:mission_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"]
    assert not Mission.objects.exists()


def test_only_staff_can_travel(officer_client, outsider):
    response = officer_client.post(reverse("events:mission_create"), mission_data(traveller=outsider.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["traveller"]

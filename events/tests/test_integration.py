"""How events plug into the rest: the person's page panel, home sections, admin and demo data."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from contacts.tests.factories import OrganisationFactory, PersonFactory
from events.models import Event, Mission, Participation, Programme
from liaison.web import navigation, panels

from .factories import EventFactory, ParticipationFactory


def person_panel(user, person):
    request = RequestFactory().get("/")
    request.user = user
    return "".join(panels.render_for(request, person))


def test_a_persons_page_shows_the_events_they_took_part_in(officer):
    person = PersonFactory()
    council = OrganisationFactory(name="Majlis Bandaraya Shah Alam")
    ParticipationFactory(person=person, organisation=council, event=EventFactory(title="WUF13"), status="attended")
    ParticipationFactory(event=EventFactory(title="Someone else's forum"))
    html = person_panel(officer, person)
    assert "Events taken part in" in html
    assert "WUF13" in html and "Majlis Bandaraya Shah Alam" in html
    assert "Someone else" not in html


def test_the_panel_is_left_out_for_users_without_a_role(outsider):
    person = PersonFactory()
    ParticipationFactory(person=person)
    assert person_panel(outsider, person) == ""


def test_home_lists_the_events_sections_for_officers_only(officer, outsider):
    for_officer = {s.url_name for s in navigation.sections_for(officer)}
    assert {"events:event_list", "calendar:month", "events:programme_list", "events:mission_list"} <= for_officer
    assert not {s.url_name for s in navigation.sections_for(outsider)} & for_officer


def test_admin_event_page_has_participations_inline_and_history(administrator_client):
    participation = ParticipationFactory()
    event = participation.event
    response = administrator_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert "participations-TOTAL_FORMS" in response.content.decode()
    response = administrator_client.get(reverse("admin:events_event_history", args=[event.pk]))
    assert response.status_code == 200
    version = event.history.latest().history_id
    response = administrator_client.get(reverse("admin:events_event_simple_history", args=[event.pk, version]))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["event", "programme", "participation", "mission"])
def test_admin_lists_every_events_model(administrator_client, model):
    assert administrator_client.get(reverse(f"admin:events_{model}_changelist")).status_code == 200


def test_demo_data_is_realistic_and_idempotent(db):
    call_command("seed_demo", force=True, stdout=StringIO())
    counts = [Event.objects.count(), Participation.objects.count(), Mission.objects.count(), Programme.objects.count()]
    call_command("seed_demo", force=True, stdout=StringIO())
    assert [
        Event.objects.count(),
        Participation.objects.count(),
        Mission.objects.count(),
        Programme.objects.count(),
    ] == counts
    titles = " ".join(Event.objects.values_list("title", flat=True))
    for forum in ("WUF", "APUF", "Malaysia Urban Forum", "ASUF", "High-Level Political Forum"):
        assert forum in titles
    programme = Programme.objects.get(title="Gender-responsive planning and budgeting 2027")
    assert programme.events.filter(at_training_hub=True).count() == 2
    assert programme.progress()["people_trained"] == 12
    assert Mission.objects.exists()

"""Adding participants in bulk, the organisation at the time, and marking attendance on one page."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import login, make_user
from contacts.models import Affiliation, Person
from contacts.tests.factories import AffiliationFactory, ConsentFactory, OrganisationFactory, PersonFactory, purpose
from events.models import Event, Participation
from events.services import AttendanceTooEarly, attendance_mark, participations_add

from .factories import EventFactory, ParticipationFactory, TrainingFactory, started


def add_url(event):
    return reverse("events:participants_add", args=[event.pk])


def test_organisation_at_the_time_is_kept_after_the_person_changes_post(officer_client, person_at_council):
    old_council = person_at_council.affiliations.get().organisation
    event = TrainingFactory()
    participations_add(event=event, people=[person_at_council], role="participant", status="registered")

    # The person moves to a ministry.
    Affiliation.objects.filter(person=person_at_council).update(is_current=False)
    ministry = OrganisationFactory(name="Ministry of Housing and Local Government", kind="national_government")
    AffiliationFactory(person=person_at_council, organisation=ministry, position="Deputy Secretary")

    participation = Participation.objects.get(event=event, person=person_at_council)
    assert participation.organisation == old_council
    assert participation.position == "Budget Officer"
    page = officer_client.get(event.get_absolute_url()).content.decode()
    assert old_council.name in page
    assert ministry.name not in page


def test_officer_adds_several_people_picked_by_name(officer_client, person_at_council):
    event = TrainingFactory()
    other = PersonFactory(consents=["invitations"])
    ConsentFactory(person=person_at_council, purpose=purpose("invitations"))
    response = officer_client.post(
        add_url(event), {"people": [person_at_council.pk, other.pk], "role": "participant", "status": "invited"}
    )
    assert response.status_code == 302
    added = {p.person: p for p in event.participations.select_related("person", "organisation")}
    assert set(added) == {person_at_council, other}
    assert added[person_at_council].organisation == person_at_council.affiliations.get().organisation
    assert added[other].organisation is None
    assert added[other].history.count() == 1  # bulk additions are in the history too


def test_pasted_email_addresses_are_matched_to_people_case_insensitively(officer_client):
    event = TrainingFactory()
    nurul = PersonFactory(email="nurul@dbkl.gov.my")
    lim = PersonFactory(email="", email_other="lim@mbpp.gov.my")
    pasted = "Nurul Huda <NURUL@dbkl.gov.my>; lim@mbpp.gov.my,\n nurul@dbkl.gov.my"
    response = officer_client.post(add_url(event), {"emails": pasted, "role": "speaker", "status": "registered"})
    assert response.status_code == 302
    assert set(event.participations.values_list("person", "role")) == {(nurul.pk, "speaker"), (lim.pk, "speaker")}


def test_unmatched_addresses_are_reported_and_nothing_is_added(officer_client):
    event = TrainingFactory()
    PersonFactory(email="nurul@dbkl.gov.my")
    picked = PersonFactory()
    response = officer_client.post(
        add_url(event),
        {
            "people": [picked.pk],
            "emails": "nurul@dbkl.gov.my, nobody@mbsa.gov.my\nnot-an-address@",
            "role": "participant",
            "status": "invited",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["emails"]
    assert any("nobody@mbsa.gov.my" in error for error in errors)
    assert any("not-an-address@" in error for error in errors)
    assert not any("nurul@dbkl.gov.my" in error for error in errors)
    assert "nobody@mbsa.gov.my" in response.content.decode()
    assert not event.participations.exists()


def test_an_address_two_people_share_is_refused(officer_client):
    event = TrainingFactory()
    PersonFactory(email="shared@kpkt.gov.my")
    PersonFactory(email="shared@kpkt.gov.my")
    response = officer_client.post(add_url(event), {"emails": "shared@kpkt.gov.my", "role": "participant"})
    assert response.status_code == 200
    assert "Several people share" in str(response.context["form"].errors["emails"])
    assert not event.participations.exists()


def test_adding_with_nobody_picked_asks_for_someone(officer_client):
    event = TrainingFactory()
    response = officer_client.post(add_url(event), {"emails": "", "role": "participant", "status": "invited"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not event.participations.exists()


def test_people_already_on_the_list_are_left_as_they_were(officer_client):
    existing = ParticipationFactory(role="trainer", status="attended", person__consents=["invitations"])
    newcomer = PersonFactory(consents=["invitations"])
    response = officer_client.post(
        add_url(existing.event),
        {"people": [existing.person.pk, newcomer.pk], "role": "participant", "status": "invited"},
        follow=True,
    )
    existing.refresh_from_db()
    assert (existing.role, existing.status) == ("trainer", "attended")
    assert existing.event.participations.count() == 2
    assert "1 already on the list" in response.content.decode()


def test_supervisor_cannot_add_participants(supervisor_client):
    event = EventFactory()
    response = supervisor_client.post(add_url(event), {"people": [PersonFactory().pk], "role": "participant"})
    assert response.status_code == 403
    assert not event.participations.exists()


def attendance_post(event, participations, status):
    return {f"status-{p.pk}": status for p in participations}


def test_attendance_for_200_participants_is_one_post_and_few_queries(officer_client):
    event = TrainingFactory(start=started())
    people = PersonFactory.create_batch(200)
    participations = Participation.objects.bulk_create(
        [Participation(event=event, person=person, status="registered") for person in people]
    )
    data = attendance_post(event, participations, "attended")
    data[f"status-{participations[0].pk}"] = "no_show"
    with CaptureQueriesContext(connection) as queries:
        response = officer_client.post(reverse("events:attendance", args=[event.pk]), data)
    assert response.status_code == 302
    assert len(queries) <= 15, [q["sql"][:80] for q in queries]
    assert event.participations.filter(status="attended").count() == 199
    assert event.participations.filter(status="no_show").count() == 1
    assert Participation.history.filter(status="attended").count() == 199


def test_attendance_page_lists_everyone_with_their_status(officer_client):
    participation = ParticipationFactory(status="registered")
    response = officer_client.get(reverse("events:attendance", args=[participation.event.pk]))
    page = response.content.decode()
    assert str(participation.person) in page
    assert f'name="status-{participation.pk}"' in page
    assert '<option value="registered" selected>' in page


def test_an_unknown_status_is_refused_and_nothing_changes(officer_client):
    first, second = ParticipationFactory.create_batch(2, event=EventFactory(), status="registered")
    response = officer_client.post(
        reverse("events:attendance", args=[first.event.pk]),
        {f"status-{first.pk}": "attended", f"status-{second.pk}": "teleported"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert set(first.event.participations.values_list("status", flat=True)) == {"registered"}


def test_participants_export_leaves_out_addresses_of_do_not_contact_people(officer_client):
    event = EventFactory()
    ParticipationFactory(event=event, person=PersonFactory(full_name="Aishah", email="aishah@pwdc.org.my"))
    ParticipationFactory(
        event=event, person=PersonFactory(full_name="Hafiz", email="hafiz@plan.gov.my", do_not_contact=True)
    )
    response = officer_client.get(reverse("events:participants_export", args=[event.pk]) + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "aishah@pwdc.org.my" in text
    assert "Hafiz" in text
    assert "hafiz@plan.gov.my" not in text


def test_participants_export_as_xlsx(officer_client):
    from io import BytesIO

    from openpyxl import load_workbook

    participation = ParticipationFactory(status="attended")
    response = officer_client.get(reverse("events:participants_export", args=[participation.event.pk]) + "?export=xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == str(participation.person)
    assert rows[1][-1] == "Attended"


def test_participants_export_refuses_unknown_formats(officer_client):
    event = EventFactory()
    response = officer_client.get(reverse("events:participants_export", args=[event.pk]) + "?export=pdf")
    assert response.status_code == 400


def test_everyone_can_be_marked_as_attended_with_one_button(officer_client):
    event = EventFactory(start=started())
    ParticipationFactory.create_batch(3, event=event, status="registered")
    response = officer_client.post(reverse("events:attendance", args=[event.pk]), {"everyone": "attended"})
    assert response.status_code == 302
    assert set(event.participations.values_list("status", flat=True)) == {"attended"}


def test_officer_removes_a_participant_and_the_history_keeps_them(officer_client):
    participation = ParticipationFactory()
    event = participation.event
    response = officer_client.post(reverse("events:participation_remove", args=[participation.pk]))
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert not event.participations.exists()
    assert Participation.history.filter(id=participation.pk, history_type="-").exists()


def test_supervisor_cannot_remove_a_participant(supervisor_client):
    participation = ParticipationFactory()
    response = supervisor_client.post(reverse("events:participation_remove", args=[participation.pk]))
    assert response.status_code == 403
    assert Participation.objects.filter(pk=participation.pk).exists()


# --- a new person created from the add-participants form ---------------------------------


def new_person(**fields):
    data = {"new-honorific": "Dr.", "new-full_name": "Siti Aminah", "new-email": "siti@mbsa.gov.my"}
    data.update({f"new-{key}": value for key, value in fields.items()})
    return data


def test_a_new_person_is_created_in_contacts_and_added_with_the_picked_ones(officer_client, officer):
    event = TrainingFactory()
    council = OrganisationFactory(name="Majlis Bandaraya Shah Alam")
    picked = PersonFactory()
    page = officer_client.get(add_url(event)).content.decode()
    assert 'name="new-full_name"' in page and 'name="new-organisation"' in page
    data = {"people": [picked.pk], "role": "participant", "status": "registered"}
    data.update(new_person(gender="female", organisation=council.pk))
    response = officer_client.post(add_url(event), data, follow=True)
    assert "2 participants added. Dr. Siti Aminah created in Contacts." in response.content.decode()
    siti = Person.objects.get(full_name="Siti Aminah")
    assert (siti.honorific, siti.email, siti.gender, siti.owner) == ("Dr.", "siti@mbsa.gov.my", "female", officer)
    assert siti.affiliations.get().organisation == council
    added = event.participations.get(person=siti)
    assert added.organisation == council and added.status == "registered"
    assert set(event.participations.values_list("person", flat=True)) == {picked.pk, siti.pk}


def test_a_new_person_alone_is_enough(officer_client):
    event = TrainingFactory()
    response = officer_client.post(add_url(event), {"role": "speaker", "status": "registered", **new_person()})
    assert response.status_code == 302
    assert event.participations.get().person.full_name == "Siti Aminah"


def test_a_bad_email_for_the_new_person_is_a_form_error_and_nothing_is_written(officer_client):
    event = TrainingFactory()
    picked = PersonFactory()
    people_before = Person.objects.count()
    data = {"people": [picked.pk], "role": "participant", "status": "registered", **new_person(email="siti@@mbsa")}
    response = officer_client.post(add_url(event), data)
    assert response.status_code == 200
    assert response.context["new_form"].errors["email"]
    assert 'id="new-person" open' in response.content.decode()  # the errors are shown, not folded away
    assert Person.objects.count() == people_before
    assert not event.participations.exists()


def test_an_error_in_the_participants_part_creates_no_new_person(officer_client):
    event = TrainingFactory()
    data = {"emails": "nobody@mbsa.gov.my", "role": "participant", "status": "registered", **new_person()}
    response = officer_client.post(add_url(event), data)
    assert response.status_code == 200 and response.context["form"].errors["emails"]
    assert not Person.objects.filter(full_name="Siti Aminah").exists()


def test_a_new_person_cannot_be_invited_before_their_consent_is_recorded(officer_client):
    event = TrainingFactory()
    response = officer_client.post(add_url(event), {"role": "participant", "status": "invited", **new_person()})
    assert response.status_code == 200
    assert "has not consented to invitations yet" in str(response.context["form"].errors["status"])
    assert not Person.objects.filter(full_name="Siti Aminah").exists()


def test_a_new_person_added_as_attended_before_the_event_starts_is_not_kept(officer_client):
    event = TrainingFactory()  # in March 2027
    response = officer_client.post(add_url(event), {"role": "participant", "status": "attended", **new_person()})
    assert response.status_code == 200
    assert "once the event has started" in str(response.context["form"].errors["status"])
    assert not Person.objects.filter(full_name="Siti Aminah").exists()  # the whole page is one transaction
    assert not event.participations.exists()


def test_only_who_may_add_people_can_create_one_here(client, db):
    event = TrainingFactory()
    user = make_user("events_only")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_participation", "view_event"]))
    login(client, user)
    response = client.post(add_url(event), {"role": "participant", "status": "registered", **new_person()})
    assert response.status_code == 403
    assert not Person.objects.filter(full_name="Siti Aminah").exists()


# --- attendance only once the event has started, and "held" offered -----------------------


def test_attendance_before_the_event_starts_is_refused_with_a_clear_message(officer_client):
    event = EventFactory(start=timezone.now() + timedelta(hours=3))
    participation = ParticipationFactory(event=event, status="registered")
    url = reverse("events:attendance", args=[event.pk])
    assert 'id="not-started"' in officer_client.get(url).content.decode()
    response = officer_client.post(url, {"everyone": "attended"})
    assert response.status_code == 200
    assert "Attendance can only be recorded once the event has started" in response.content.decode()
    participation.refresh_from_db()
    assert participation.status == "registered"
    # Statuses that are not attendance can still change before the day.
    response = officer_client.post(url, {f"status-{participation.pk}": "cancelled"})
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.status == "cancelled"


def test_the_sign_in_ticks_and_the_service_share_the_guard(officer_client):
    event = EventFactory(start=timezone.now() + timedelta(minutes=5))
    participation = ParticipationFactory(event=event, status="registered")
    response = officer_client.post(reverse("events:sign_in_ticks", args=[event.pk]), {"attended": [participation.pk]})
    assert response.status_code == 400
    assert "once the event has started" in response.content.decode()
    with pytest.raises(AttendanceTooEarly):
        attendance_mark(event=event, statuses={participation.pk: "no_show"})
    participation.refresh_from_db()
    assert participation.status == "registered"


def test_after_marking_attendance_the_event_page_offers_to_set_it_held(officer_client):
    event = EventFactory(start=started(), status=Event.Status.CONFIRMED)
    participation = ParticipationFactory(event=event, status="registered")
    assert 'id="offer-held"' not in officer_client.get(event.get_absolute_url()).content.decode()
    officer_client.post(reverse("events:attendance", args=[event.pk]), {f"status-{participation.pk}": "attended"})
    event.refresh_from_db()
    assert event.status == Event.Status.CONFIRMED  # offered, not done
    page = officer_client.get(event.get_absolute_url()).content.decode()
    assert 'id="offer-held"' in page and reverse("events:event_mark_held", args=[event.pk]) in page
    response = officer_client.post(reverse("events:event_mark_held", args=[event.pk]), follow=True)
    assert "is now marked as held" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.HELD
    assert 'id="offer-held"' not in response.content.decode()


def test_an_event_not_started_or_cancelled_is_not_set_to_held(officer_client):
    later = EventFactory(status=Event.Status.PLANNED)
    cancelled = EventFactory(start=started(), status=Event.Status.CANCELLED)
    for event in (later, cancelled):
        response = officer_client.post(reverse("events:event_mark_held", args=[event.pk]), follow=True)
        assert "Only a planned or confirmed event that has started" in response.content.decode()
        status = event.status
        event.refresh_from_db()
        assert event.status == status
    assert officer_client.get(reverse("events:event_mark_held", args=[later.pk])).status_code == 405


def test_supervisors_are_not_offered_to_set_an_event_held_nor_can_they(supervisor_client):
    event = EventFactory(start=started(), status=Event.Status.PLANNED)
    ParticipationFactory(event=event, status="attended")
    assert 'id="offer-held"' not in supervisor_client.get(event.get_absolute_url()).content.decode()
    assert supervisor_client.post(reverse("events:event_mark_held", args=[event.pk])).status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.PLANNED

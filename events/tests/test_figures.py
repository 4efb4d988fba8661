"""People trained and local governments reached, computed in SQL."""

from contacts.models import Organisation
from contacts.tests.factories import OrganisationFactory, PersonFactory
from events import selectors
from events.models import Event, Participation
from liaison.reference.models import State

from .factories import EventFactory, ProgrammeFactory, TrainingFactory


def test_three_day_training_counts_30_people_trained_60_percent_women(three_day_training, programme):
    progress = programme.progress()
    assert progress["people_trained"] == 30
    assert progress["women_trained"] == 18
    assert progress["women_share"] == 60
    assert progress["local_governments_reached"] == 6
    assert progress["people_progress"] == 50  # 30 of a target of 60


def test_programme_page_says_30_people_trained_60_percent_women(officer_client, three_day_training, programme):
    response = officer_client.get(programme.get_absolute_url())
    assert response.status_code == 200
    assert "30 people trained, 60% women" in " ".join(response.content.decode().split())


def test_a_person_trained_twice_counts_once(programme):
    person = PersonFactory(gender="female")
    for _ in range(2):
        Participation.objects.create(
            event=TrainingFactory(programme=programme), person=person, status=Participation.Status.ATTENDED
        )
    assert programme.progress()["people_trained"] == 1


def test_only_attendance_at_trainings_and_workshops_counts(programme):
    forum = EventFactory(programme=programme, kind=Event.Kind.FORUM)
    workshop = EventFactory(programme=programme, kind=Event.Kind.WORKSHOP)
    Participation.objects.create(event=forum, person=PersonFactory(), status=Participation.Status.ATTENDED)
    Participation.objects.create(event=workshop, person=PersonFactory(), status=Participation.Status.ATTENDED)
    Participation.objects.create(event=workshop, person=PersonFactory(), status=Participation.Status.REGISTERED)
    assert selectors.people_trained()["people"] == 1


def test_breakdowns_by_gender_organisation_kind_state_and_country(db):
    selangor = State.objects.create(
        iso_code="MY-10", name="Selangor", name_ms="Selangor", kind="state", abbreviation="SGR"
    )
    council = OrganisationFactory(kind=Organisation.Kind.LOCAL_GOVERNMENT, state=selangor)
    ngo = OrganisationFactory(kind=Organisation.Kind.NGO, state=None)
    training = TrainingFactory()
    for gender, organisation, country in [
        ("female", council, "MY"),
        ("female", council, "MY"),
        ("male", ngo, "ID"),
    ]:
        Participation.objects.create(
            event=training,
            person=PersonFactory(gender=gender, country=country),
            organisation=organisation,
            status=Participation.Status.ATTENDED,
        )
    by_gender = {row["key"]: row["people"] for row in selectors.people_trained_by_gender()}
    by_kind = {row["key"]: row["people"] for row in selectors.people_trained_by_organisation_kind()}
    by_state = {row["label"]: row["people"] for row in selectors.people_trained_by_state()}
    by_country = {row["label"]: row["people"] for row in selectors.people_trained_by_country()}
    assert by_gender == {"female": 2, "male": 1}
    assert by_kind == {"local_government": 2, "ngo": 1}
    assert by_state == {"Selangor": 2, "": 1}
    assert by_country == {"Malaysia": 2, "Indonesia": 1}
    assert selectors.local_governments_reached() == 1


def test_programme_list_annotates_figures_in_one_query(django_assert_num_queries, three_day_training, programme):
    ProgrammeFactory()  # a programme with no events yet
    with django_assert_num_queries(1):
        rows = {p.pk: p for p in selectors.programmes_with_figures()}
    assert rows[programme.pk].people_trained == 30
    assert rows[programme.pk].women_trained == 18
    assert rows[programme.pk].local_governments_reached == 6
    assert sum(p.people_trained for p in rows.values()) == 30


def test_events_by_month_and_level_count_in_kuala_lumpur_months(db):
    from datetime import date

    from .factories import kl

    # 00:30 on 1 April in Kuala Lumpur is still March in UTC: it belongs to April.
    EventFactory(level="national", start=kl(date(2027, 4, 1), 0, 30), end=kl(date(2027, 4, 1), 17))
    EventFactory(level="national", start=kl(date(2027, 3, 9)), end=kl(date(2027, 3, 9), 17))
    EventFactory(level="regional", start=kl(date(2027, 3, 20)), end=kl(date(2027, 3, 20), 17))
    EventFactory(level="regional", status="cancelled", start=kl(date(2027, 3, 21)), end=kl(date(2027, 3, 21), 17))
    rows = [(r["month"], r["level"], r["events"]) for r in selectors.events_by_month_and_level()]
    assert rows == [
        (date(2027, 3, 1), "national", 1),
        (date(2027, 3, 1), "regional", 1),
        (date(2027, 4, 1), "national", 1),
    ]


def test_training_hub_reach_counts_only_trainings_at_the_hub(three_day_training):
    elsewhere = TrainingFactory(at_training_hub=False)
    Participation.objects.create(event=elsewhere, person=PersonFactory(), status=Participation.Status.ATTENDED)
    reach = selectors.training_hub_reach()
    assert reach == {"trainings": 1, "people": 30, "countries": 1, "organisations": 6}

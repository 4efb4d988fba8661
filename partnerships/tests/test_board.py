from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Partnership, StageChange
from partnerships.selectors import board_columns

from .conftest import query_count
from .factories import PartnerRoleFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
BOARD = reverse("partnerships:board")


def move_url(partnership):
    return reverse("partnerships:partnership_move", args=[partnership.pk])


def test_the_board_shows_cards_in_their_stage_columns(supervisor_client):
    PartnershipFactory(title="KLRTC", stage=Partnership.Stage.ACTIVE)
    PartnershipFactory(title="VLR support", stage=Partnership.Stage.EXPLORING)

    response = supervisor_client.get(BOARD)

    columns = {column.stage: [card.title for card in column.cards] for column in response.context["columns"]}
    assert columns["active"] == ["KLRTC"]
    assert columns["exploring"] == ["VLR support"]
    # A supervisor reads the board but gets no form to move a card.
    assert 'name="stage"' not in response.content.decode()


def test_an_officer_moves_a_card_with_htmx_and_the_change_is_recorded_with_its_date(officer_client, officer):
    partnership = PartnershipFactory(stage=Partnership.Stage.EXPLORING)

    response = officer_client.post(move_url(partnership), {"stage": "negotiating"}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "moved to Negotiating" in response.content.decode()
    assert response.templates[0].name == "partnerships/_board.html"
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.NEGOTIATING
    change = StageChange.objects.get(partnership=partnership)
    assert (change.from_stage, change.to_stage, change.changed_on, change.changed_by) == (
        "exploring",
        "negotiating",
        timezone.localdate(),
        officer,
    )


def test_moving_a_card_works_without_javascript(officer_client):
    partnership = PartnershipFactory(stage=Partnership.Stage.IDEA)

    response = officer_client.post(move_url(partnership), {"stage": "exploring"})

    assert response.status_code == 302
    assert response["Location"] == BOARD
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.EXPLORING


def test_a_move_from_the_partnership_page_returns_there(officer_client):
    partnership = PartnershipFactory()

    response = officer_client.post(move_url(partnership), {"stage": "agreed", "next": partnership.get_absolute_url()})

    assert response["Location"] == partnership.get_absolute_url()


def test_a_move_does_not_redirect_to_another_site(officer_client):
    partnership = PartnershipFactory()

    response = officer_client.post(move_url(partnership), {"stage": "agreed", "next": "https://evil.example/"})

    assert response["Location"] == BOARD


def test_a_supervisor_cannot_move_a_card_and_nothing_changes(supervisor_client):
    partnership = PartnershipFactory(stage=Partnership.Stage.EXPLORING)

    response = supervisor_client.post(move_url(partnership), {"stage": "negotiating"}, headers={"HX-Request": "true"})

    assert response.status_code == 403
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.EXPLORING
    assert not StageChange.objects.exists()


def test_moving_to_completed_without_an_end_date_is_refused_with_a_message(officer_client):
    partnership = PartnershipFactory(stage=Partnership.Stage.ACTIVE)

    response = officer_client.post(move_url(partnership), {"stage": "completed"}, headers={"HX-Request": "true"})

    assert "needs an end date" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.ACTIVE
    assert not StageChange.objects.exists()


def test_an_unknown_stage_is_refused(officer_client):
    partnership = PartnershipFactory(stage=Partnership.Stage.ACTIVE)

    response = officer_client.post(move_url(partnership), {"stage": "party"}, follow=True)

    assert "Choose a valid stage." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.ACTIVE


def test_a_get_cannot_move_a_card(officer_client):
    partnership = PartnershipFactory(stage=Partnership.Stage.ACTIVE)

    assert officer_client.get(move_url(partnership), {"stage": "dropped"}).status_code == 405


def test_the_board_runs_as_many_queries_for_50_partnerships_as_for_5(officer_client):
    stages = Partnership.Stage.values
    for index in range(5):
        PartnerRoleFactory(partnership=PartnershipFactory(stage=stages[index % len(stages)]))
    few = query_count(officer_client, BOARD)
    for index in range(45):
        PartnerRoleFactory(partnership=PartnershipFactory(stage=stages[index % len(stages)]))
    assert query_count(officer_client, BOARD) == few


def test_a_column_shows_its_first_cards_and_counts_the_rest():
    for day in (3, 1, 2):
        PartnershipFactory(stage=Partnership.Stage.IDEA, next_step_due=date(2026, 1, day), title=f"Idea {day}")

    columns = {column.stage: column for column in board_columns(per_stage=2)}

    assert [card.title for card in columns["idea"].cards] == ["Idea 1", "Idea 2"]
    assert (columns["idea"].count, columns["idea"].hidden) == (3, 1)
    assert columns["active"].count == 0

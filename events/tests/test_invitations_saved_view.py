"""Invitations to a saved view of the people list: its people, minus who may not be invited; any other view refused."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import login, make_user
from contacts.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory, purpose
from events.invitations import invitations_send
from events.models import Invitation, InvitationTemplate
from liaison.privacy.models import Purpose
from liaison.reference.models import State
from liaison.web.models import SavedView
from liaison.web.roles import OFFICER

from .factories import EventFactory

PEOPLE = "contacts:person_list"


@pytest.fixture
def template(db):
    return InvitationTemplate.objects.create(
        name="Forum", subject_en="Invitation: {{ event }}", body_en="Dear {{ name }}", subject_ms="J", body_ms="J"
    )


@pytest.fixture
def fast(settings):
    settings.INVITATION_PAUSE = 0
    settings.INVITATIONS_PER_MINUTE = 10_000


def state(iso_code, name):
    return State.objects.get_or_create(
        iso_code=iso_code, defaults={"name": name, "name_ms": name, "kind": "state", "abbreviation": name[:3].upper()}
    )[0]


@pytest.fixture
def selangor(db):
    return state("MY-10", "Selangor")


@pytest.fixture
def women_in_selangor(db, selangor):
    """Two women in Selangor who may be invited, one who asked not to be contacted, one who never consented;
    and, outside the view, a man in Selangor and a woman in Johor who could be invited."""
    purpose(Purpose.INVITATIONS)
    council = OrganisationFactory(kind="local_government", state=selangor)
    elsewhere = OrganisationFactory(kind="local_government", state=state("MY-01", "Johor"))

    def at(organisation, name, **person):
        return AffiliationFactory(organisation=organisation, person=PersonFactory(full_name=name, **person)).person

    consents = [Purpose.INVITATIONS]
    return {
        "ok": [
            at(council, "Siti Aminah", gender="female", consents=consents),
            at(council, "Nurul Huda", gender="female", consents=consents),
        ],
        "refused": at(council, "Rohana Ismail", gender="female", do_not_contact=True, consents=consents),
        "no_consent": at(council, "Faridah Yusof", gender="female"),
        "outside": [
            at(council, "Ahmad Faizal", gender="male", consents=consents),
            at(elsewhere, "Wong Li Na", gender="female", consents=consents),
        ],
    }


def view_of(owner, selangor, **extra):
    fields = {"name": "women in Selangor", "list_name": PEOPLE, "query": f"gender=female&state={selangor.pk}&sort=name"}
    return SavedView.objects.create(owner=owner, **{**fields, **extra})


def invite(client, event, template, **data):
    return client.post(reverse("events:invitations", args=[event.pk]), {"template": template.pk, **data})


def test_a_saved_view_invites_the_people_the_list_shows_minus_who_may_not_be_invited(
    officer_client, officer, selangor, women_in_selangor, template, fast, mailoutbox
):
    view = view_of(officer, selangor)
    shown = officer_client.get(reverse(PEOPLE) + "?" + view.query).context["paginator"].object_list
    people = women_in_selangor
    expected_shown = {*people["ok"], people["refused"], people["no_consent"]}
    assert set(shown) == expected_shown
    event = EventFactory()
    response = invite(officer_client, event, template, saved_view=view.pk)
    assert response.status_code == 200
    assert set(Invitation.objects.filter(event=event).values_list("person", flat=True)) == {p.pk for p in people["ok"]}
    body = response.content.decode()
    assert "Rohana Ismail — asked not to be contacted" in body
    assert "Faridah Yusof — no consent recorded" in body
    assert "Ahmad Faizal" not in body and "Wong Li Na" not in body
    assert "2 invitations queued." in body
    assert invitations_send(event_id=event.pk) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people["ok"])


def test_a_saved_view_adds_to_the_people_chosen_each_once(
    officer_client, officer, selangor, women_in_selangor, template, fast
):
    view = view_of(officer, selangor)
    man, first = women_in_selangor["outside"][0], women_in_selangor["ok"][0]
    event = EventFactory()
    invite(officer_client, event, template, saved_view=view.pk, people=[man.pk, first.pk])
    invited = set(Invitation.objects.filter(event=event).values_list("person", flat=True))
    assert invited == {man.pk, *(p.pk for p in women_in_selangor["ok"])}


def test_the_form_offers_my_views_and_shared_ones_of_the_people_list_with_name_and_owner(
    officer_client, officer, selangor, db
):
    colleague = make_user("colleague", OFFICER, last_name="Tan")
    view_of(officer, selangor)
    view_of(colleague, selangor, name="Shared mayors", shared=True)
    view_of(colleague, selangor, name="Private of colleague")
    view_of(officer, selangor, name="Councils", list_name="contacts:organisation_list", query="")
    event = EventFactory()
    response = officer_client.get(reverse("events:invitations", args=[event.pk]))
    choices = [label for _value, label in response.context["form"].fields["saved_view"].choices]
    assert choices == ["—", "Shared mayors (by Colleague Tan)", "women in Selangor (by Officer)"]
    officer_client.cookies["django_language"] = "ms"
    response = officer_client.get(reverse("events:invitations", args=[event.pk]))
    assert "women in Selangor (oleh Officer)" in response.content.decode()


def test_the_saved_views_cost_the_same_queries_however_many(officer_client, officer, selangor, db):
    event = EventFactory()
    url = reverse("events:invitations", args=[event.pk])
    view_of(officer, selangor)
    with CaptureQueriesContext(connection) as one:
        officer_client.get(url)
    for n in range(5):
        view_of(make_user(f"colleague{n}", OFFICER), selangor, shared=True)
    with CaptureQueriesContext(connection) as six:
        response = officer_client.get(url)
    assert len(response.context["form"].fields["saved_view"].choices) == 7
    assert len(six) == len(one)


def test_inviting_a_saved_view_costs_the_same_queries_however_many_people_it_holds(
    officer_client, officer, selangor, women_in_selangor, template, fast
):
    view, first = view_of(officer, selangor), EventFactory()
    with CaptureQueriesContext(connection) as few:
        invite(officer_client, first, template, saved_view=view.pk)
    assert Invitation.objects.filter(event=first).count() == 2
    council = women_in_selangor["ok"][0].affiliations.get().organisation
    for _n in range(8):
        AffiliationFactory(organisation=council, person=PersonFactory(gender="female", consents=[Purpose.INVITATIONS]))
    event = EventFactory()
    with CaptureQueriesContext(connection) as many:
        invite(officer_client, event, template, saved_view=view.pk)
    assert Invitation.objects.filter(event=event).count() == 10
    assert len(many) == len(few)


def refused(client, event, template, view):
    response = invite(client, event, template, saved_view=view.pk)
    assert response.status_code == 200
    assert not Invitation.objects.filter(event=event).exists()
    return response.context["form"].errors["saved_view"]


def test_a_colleagues_private_view_posted_by_hand_is_a_form_error(
    officer_client, selangor, women_in_selangor, template, fast, mailoutbox
):
    colleague = make_user("colleague", OFFICER)
    view = view_of(colleague, selangor)
    errors = refused(officer_client, EventFactory(), template, view)
    assert errors == ["Choose one of your saved views of the people list, or one a colleague shared."]
    officer_client.cookies["django_language"] = "ms"
    errors = refused(officer_client, EventFactory(), template, view)
    assert errors == [
        "Pilih salah satu paparan tersimpan anda bagi senarai individu, atau paparan yang dikongsi oleh rakan sekerja."
    ]
    assert mailoutbox == []


def test_a_view_of_another_list_is_a_form_error(officer_client, officer, db, template, fast):
    OrganisationFactory(kind="local_government")
    view = SavedView.objects.create(owner=officer, name="Councils", list_name="contacts:organisation_list")
    errors = refused(officer_client, EventFactory(), template, view)
    assert errors == ["Choose one of your saved views of the people list, or one a colleague shared."]


def test_an_obsolete_filter_is_a_form_error_in_the_users_language(
    officer_client, officer, selangor, women_in_selangor, template, fast
):
    view = view_of(officer, selangor, query="gender=female&state=987654")
    errors = refused(officer_client, EventFactory(), template, view)
    assert errors == [
        "Some filters of the saved view “women in Selangor” are no longer valid: open it and save it again."
    ]
    officer_client.cookies["django_language"] = "ms"
    errors = refused(officer_client, EventFactory(), template, view)
    assert "women in Selangor" in errors[0] and "no longer valid" not in errors[0]


def test_a_shared_view_of_a_list_the_user_may_not_read_is_a_form_error(client, officer, selangor, template, db):
    """Someone who may invite but not read the people list cannot use a colleague's shared view to reach it."""
    inviter = make_user("inviter")
    inviter.user_permissions.add(Permission.objects.get(codename="add_participation"))
    login(client, inviter)
    errors = refused(client, EventFactory(), template, view_of(officer, selangor, shared=True))
    assert errors == ["Choose one of your saved views of the people list, or one a colleague shared."]


def test_nothing_chosen_names_every_way_of_choosing(officer_client, template, db):
    event = EventFactory()
    response = invite(officer_client, event, template)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Choose people, an organisation kind or state, or a saved view."
    ]

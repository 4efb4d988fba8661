from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Affiliation, Interaction, Organisation, Person
from contacts.tests.factories import AffiliationFactory, InteractionFactory, OrganisationFactory, PersonFactory
from liaison.web import panels


def test_officer_creates_an_organisation_owned_by_them_by_default(officer_client, officer, reference_data):
    form = officer_client.get(reverse("contacts:organisation_create"))
    assert form.context["form"].initial["owner"] == officer.pk
    state = Organisation.objects.get(acronym="MBSA").state
    response = officer_client.post(
        reverse("contacts:organisation_create"),
        {
            "name": "Majlis Perbandaran Contoh",
            "kind": "local_government",
            "council_type": "municipal",
            "state": state.pk,
            "country": "MY",
            "website": "mpc.example.gov.my",
            "owner": officer.pk,
        },
    )
    organisation = Organisation.objects.get(name="Majlis Perbandaran Contoh")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert (organisation.owner, organisation.state, organisation.website) == (
        officer,
        state,
        "https://mpc.example.gov.my",
    )
    page = officer_client.get(organisation.get_absolute_url()).content.decode()
    assert "created" in page  # the history card


def test_council_type_is_refused_for_an_organisation_that_is_not_a_local_government(officer_client):
    response = officer_client.post(
        reverse("contacts:organisation_create"),
        {"name": "UN-Habitat", "kind": "un_agency", "council_type": "city", "country": "KE"},
    )
    assert response.status_code == 200
    assert "Only a local government has a council type." in response.content.decode()
    assert not Organisation.objects.exists()


def test_owner_cannot_be_someone_without_an_officer_role(officer_client, outsider):
    response = officer_client.post(
        reverse("contacts:organisation_create"),
        {"name": "Think City", "kind": "think_tank", "country": "MY", "owner": outsider.pk},
    )
    assert response.context["form"].errors["owner"]
    assert not Organisation.objects.exists()


def test_officer_edits_an_organisation_and_the_history_names_the_field(officer_client):
    organisation = OrganisationFactory(name="Majlis Perbandaran Contoh")
    response = officer_client.post(
        reverse("contacts:organisation_update", args=[organisation.pk]),
        {"name": "Majlis Bandaraya Contoh", "kind": "local_government", "country": "MY"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Majlis Bandaraya Contoh"
    page = officer_client.get(organisation.get_absolute_url()).content.decode()
    assert "changed" in page
    assert 'Name</span>: <del class="text-muted">Majlis Perbandaran Contoh</del> → ' in page
    assert '<ins class="text-decoration-none">Majlis Bandaraya Contoh</ins>' in page


def test_history_shows_choices_owners_and_dates_as_the_interface_does(officer, other_officer):
    from liaison.web.history import history_entries

    organisation = OrganisationFactory(kind="local_government", owner=officer)
    organisation.kind, organisation.owner = "city_network", other_officer
    organisation.save()
    other_officer.first_name, other_officer.last_name = "Siti", "Hajar"
    other_officer.save()
    (latest, _created) = history_entries(organisation)
    shown = {change.field: (change.old, change.new) for change in latest["changes"]}
    assert shown["kind"] == ("Local government", "City network")
    assert shown["owner"][1] == "Siti Hajar"


def test_deleting_an_organisation_asks_first_and_says_what_goes_with_it(officer_client):
    post = AffiliationFactory()
    url = reverse("contacts:organisation_delete", args=[post.organisation.pk])
    page = officer_client.get(url).content.decode()
    assert "1 post of people at this organisation will be deleted" in page
    assert Organisation.objects.exists()
    response = officer_client.post(url)
    assert response["Location"] == reverse("contacts:organisation_list")
    assert not Organisation.objects.exists()
    assert Person.objects.filter(pk=post.person.pk).exists()


def test_officer_creates_a_person_with_their_present_post(officer_client, officer):
    organisation = OrganisationFactory(name="Majlis Bandaraya Shah Alam")
    response = officer_client.post(
        reverse("contacts:person_create"),
        {
            "full_name": "Dato' Ahmad bin Ismail",
            "country": "MY",
            "email": "ahmad@mbsa.example",
            "organisation": organisation.pk,
            "position": "Director of Planning",
            "owner": officer.pk,
        },
    )
    person = Person.objects.get()
    assert response["Location"] == person.get_absolute_url()
    assert (person.honorific, person.full_name) == ("Dato'", "Ahmad bin Ismail")
    post = person.affiliations.get()
    assert (post.organisation, post.position, post.is_current) == (organisation, "Director of Planning", True)
    page = officer_client.get(person.get_absolute_url()).content.decode()
    assert "Director of Planning" in page
    assert "Majlis Bandaraya Shah Alam" in page


def test_a_position_without_an_organisation_is_refused_and_nothing_is_written(officer_client):
    response = officer_client.post(
        reverse("contacts:person_create"),
        {"full_name": "Aminah Yusof", "country": "MY", "position": "Mayor"},
    )
    assert "Choose the organisation of this post." in response.content.decode()
    assert not Person.objects.exists()
    assert not Affiliation.objects.exists()


def test_the_person_form_asks_no_single_consent_it_is_recorded_per_purpose(officer_client):
    form = officer_client.get(reverse("contacts:person_create")).context["form"]
    assert not {"consent_status", "consent_date", "consent_source", "consent_purpose"} & set(form.fields)
    assert "do_not_contact" in form.fields


def test_officer_adds_a_post_that_replaces_the_current_one(officer_client):
    old = AffiliationFactory(start_date=date(2019, 1, 1))
    new_organisation = OrganisationFactory(name="Dewan Bandaraya Kuala Lumpur")
    response = officer_client.post(
        reverse("contacts:affiliation_create", args=[old.person.pk]),
        {
            "organisation": new_organisation.pk,
            "position": "Deputy Mayor",
            "start_date": "2026-03-01",
            "end_current_posts": "on",
        },
    )
    assert response["Location"] == old.person.get_absolute_url()
    old.refresh_from_db()
    assert (old.is_current, old.end_date) == (False, date(2026, 3, 1))
    assert old.person.affiliations.current().get().organisation == new_organisation
    page = officer_client.get(old.person.get_absolute_url())
    assert [p.pk for p in page.context["past_posts"]] == [old.pk]


def test_officer_ends_a_post_and_it_stays_as_a_past_one(officer_client):
    post = AffiliationFactory(start_date=date(2020, 1, 1))
    url = reverse("contacts:affiliation_end", args=[post.pk])
    assert officer_client.post(url, {"end_date": "2019-01-01"}).context["form"].errors["end_date"]
    response = officer_client.post(url, {"end_date": "2025-12-31"})
    assert response["Location"] == post.person.get_absolute_url()
    post.refresh_from_db()
    assert (post.is_current, post.end_date) == (False, date(2025, 12, 31))


def test_a_post_that_ended_cannot_be_marked_current(officer_client):
    post = AffiliationFactory(start_date=date(2020, 1, 1))
    response = officer_client.post(
        reverse("contacts:affiliation_update", args=[post.pk]),
        {
            "organisation": post.organisation.pk,
            "start_date": "2020-01-01",
            "end_date": "2021-01-01",
            "is_current": "on",
        },
    )
    assert response.context["form"].errors["is_current"]
    post.refresh_from_db()
    assert post.end_date is None


def test_deleting_a_post_returns_to_the_person(officer_client):
    post = AffiliationFactory()
    response = officer_client.post(reverse("contacts:affiliation_delete", args=[post.pk]))
    assert response["Location"] == post.person.get_absolute_url()
    assert not Affiliation.objects.exists()


def test_officer_creates_an_interaction_with_people_and_organisations_as_its_author(officer_client, officer):
    person, organisation = PersonFactory(), OrganisationFactory()
    form = officer_client.get(reverse("contacts:interaction_create"), {"people": person.pk})
    assert form.context["form"].initial["people"] == [str(person.pk)]
    response = officer_client.post(
        reverse("contacts:interaction_create"),
        {
            "occurred_at": "2026-11-20T10:30",
            "kind": "meeting",
            "subject": "VLR kick-off",
            "people": [person.pk],
            "organisations": [organisation.pk],
            "follow_up_date": "2026-12-01",
        },
    )
    interaction = Interaction.objects.get()
    assert response["Location"] == interaction.get_absolute_url()
    assert interaction.author == officer
    assert list(interaction.people.all()) == [person]
    assert timezone.localtime(interaction.occurred_at).hour == 10


def test_an_interaction_with_nobody_is_refused(officer_client):
    response = officer_client.post(
        reverse("contacts:interaction_create"),
        {"occurred_at": "2026-11-20T10:30", "kind": "meeting", "subject": "With whom?"},
    )
    assert "Name at least one person or organisation" in response.content.decode()
    assert not Interaction.objects.exists()


def test_officer_marks_a_follow_up_done(officer_client, officer):
    interaction = InteractionFactory(author=officer, follow_up_date=date(2026, 1, 1))
    organisation = OrganisationFactory()
    interaction.organisations.add(organisation)
    response = officer_client.post(
        reverse("contacts:interaction_update", args=[interaction.pk]),
        {
            "occurred_at": "2026-11-20T10:30",
            "kind": "call",
            "subject": interaction.subject,
            "organisations": [organisation.pk],
            "follow_up_date": "2026-01-01",
            "follow_up_done": "on",
        },
    )
    assert response.status_code == 302
    interaction.refresh_from_db()
    assert interaction.follow_up_done


@pytest.mark.parametrize("name", ["contacts:person_detail", "contacts:organisation_detail"])
def test_detail_pages_are_404_for_records_that_do_not_exist(officer_client, name):
    assert officer_client.get(reverse(name, args=[999999])).status_code == 404


def test_an_organisation_cannot_become_part_of_its_own_child(officer_client):
    parent = OrganisationFactory(name="KPKT")
    child = OrganisationFactory(name="PLANMalaysia", parent=parent)
    response = officer_client.post(
        reverse("contacts:organisation_update", args=[parent.pk]),
        {"name": "KPKT", "kind": "national_government", "country": "MY", "parent": child.pk},
    )
    assert response.context["form"].errors["parent"]
    parent.refresh_from_db()
    assert parent.parent is None


class EmptyTimelinePanel(panels.Panel):
    key = "tests.empty_timeline"
    model = "contacts.organisation"
    template = "contacts/_timeline.html"

    def context(self, request, obj):
        return {"interactions": []}


def test_other_apps_add_panels_to_the_organisation_page(officer_client):
    organisation = OrganisationFactory()
    InteractionFactory().organisations.add(organisation)  # its own timeline is not empty
    with panels.registry.added(EmptyTimelinePanel()):
        body = officer_client.get(organisation.get_absolute_url()).content.decode()
    assert "No interaction yet." in body
    assert "No interaction yet." not in officer_client.get(organisation.get_absolute_url()).content.decode()

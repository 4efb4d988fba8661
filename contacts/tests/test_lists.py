from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import Organisation
from contacts.tests.factories import (
    AffiliationFactory,
    ConsentFactory,
    InteractionFactory,
    OrganisationFactory,
    PersonFactory,
)
from liaison.reference.models import Theme


def add_people(count, officer):
    theme = Theme.objects.get_or_create(code="gender", defaults={"name": "Gender"})[0]
    for _ in range(count):
        post = AffiliationFactory(person__owner=officer, organisation__owner=officer)
        post.person.themes.add(theme)
        AffiliationFactory(person=post.person, is_current=False)
        interaction = InteractionFactory(author=officer)
        interaction.people.add(post.person)
        interaction.organisations.add(post.organisation)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return captured


@pytest.mark.parametrize("name", ["contacts:organisation_list", "contacts:person_list", "contacts:interaction_list"])
def test_list_page_runs_as_many_queries_for_50_rows_as_for_5(officer_client, officer, name):
    url = reverse(name)
    add_people(5, officer)
    with_5 = queries_for(officer_client, url)
    add_people(45, officer)
    with_50 = queries_for(officer_client, url)
    assert len(with_50.captured_queries) == len(with_5.captured_queries), [q["sql"] for q in with_50]
    assert len(with_50.captured_queries) <= 15


@pytest.mark.parametrize("name", ["contacts:organisation_list", "contacts:person_list", "contacts:interaction_list"])
def test_list_page_never_counts_a_whole_table(officer_client, officer, name):
    add_people(3, officer)
    captured = queries_for(officer_client, reverse(name))
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    assert counts, "the page shows how many rows match"
    assert all("LIMIT" in sql.upper() for sql in counts), counts


def test_organisation_list_filters_by_kind_state_and_people_in_post(officer_client, reference_data):
    dbkl = Organisation.objects.get(acronym="DBKL")
    AffiliationFactory(organisation=dbkl)
    url = reverse("contacts:organisation_list")
    response = officer_client.get(url, {"kind": "local_government", "state": dbkl.state_id, "has_people": "true"})
    assert list(response.context["object_list"]) == [dbkl]
    response = officer_client.get(url, {"q": "kuching"})
    assert {o.acronym for o in response.context["object_list"]} == {"DBKU", "MBKS"}
    response = officer_client.get(url, {"country": "TH"})
    assert [o.acronym for o in response.context["object_list"]] == ["UNESCAP"]


def test_person_list_filters_by_current_post_consent_theme_and_owner(officer_client, officer, other_officer):
    theme = Theme.objects.create(code="climate", name="Climate")
    with_post = AffiliationFactory(person__consents=["invitations"], person__owner=officer).person
    with_post.themes.add(theme)
    past_only = AffiliationFactory(is_current=False, person__owner=other_officer).person
    url = reverse("contacts:person_list")

    def names(**params):
        return {p.pk for p in officer_client.get(url, params).context["object_list"]}

    assert names(has_current_affiliation="true") == {with_post.pk}
    assert names(has_current_affiliation="false") == {past_only.pk}
    assert names(consent="invitations:given") == {with_post.pk}
    assert names(consent="invitations:none") == {past_only.pk}
    ConsentFactory(person=with_post, status="withdrawn", date=date(2099, 1, 1))  # the latest answer counts
    assert names(consent="invitations:given") == set()
    assert names(consent="invitations:withdrawn") == {with_post.pk}
    assert names(themes=theme.pk) == {with_post.pk}
    assert names(owner=other_officer.pk) == {past_only.pk}
    assert names(organisation=past_only.affiliations.get().organisation_id) == {past_only.pk}


def test_person_list_sorts_by_name_either_way(officer_client):
    for name in ["Chong Mei Ling", "Aminah Yusof", "Balan a/l Raju"]:
        PersonFactory(full_name=name)
    url = reverse("contacts:person_list")
    ascending = [p.full_name for p in officer_client.get(url, {"sort": "name"}).context["object_list"]]
    descending = [p.full_name for p in officer_client.get(url, {"sort": "-name"}).context["object_list"]]
    assert ascending == ["Aminah Yusof", "Balan a/l Raju", "Chong Mei Ling"]
    assert descending == ascending[::-1]


def test_list_paginates_25_rows_a_page(officer_client):
    PersonFactory.create_batch(30)
    response = officer_client.get(reverse("contacts:person_list"), {"page": 2})
    assert len(response.context["object_list"]) == 5
    assert "26\u201330 of 30" in response.content.decode()  # an en dash


def test_an_invalid_filter_shows_an_error_not_a_500(officer_client):
    response = officer_client.get(reverse("contacts:person_list"), {"consent": "invitations:maybe", "owner": "x"})
    assert response.status_code == 200
    assert "Check the filters" in response.content.decode()


def test_htmx_list_request_gets_only_the_rows(officer_client):
    PersonFactory(full_name="Aminah Yusof")
    response = officer_client.get(reverse("contacts:person_list"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Aminah Yusof" in html
    assert "<html" not in html


def test_organisation_page_lists_people_in_post_and_formerly(officer_client):
    organisation = OrganisationFactory()
    AffiliationFactory(organisation=organisation, person__full_name="Aminah Yusof", position="Mayor")
    AffiliationFactory(organisation=organisation, person__full_name="Balan a/l Raju", is_current=False)
    response = officer_client.get(organisation.get_absolute_url())
    assert [p.person.full_name for p in response.context["current_posts"]] == ["Aminah Yusof"]
    assert [p.person.full_name for p in response.context["past_posts"]] == ["Balan a/l Raju"]
    assert "Formerly here" in response.content.decode()


@pytest.mark.parametrize("record", ["person", "organisation"])
def test_detail_page_queries_do_not_grow_with_posts_and_interactions(officer_client, officer, record):
    post = AffiliationFactory()
    subject = getattr(post, record)

    def add(count):
        for _ in range(count):
            other = AffiliationFactory(**{record: subject}, is_current=False)
            interaction = InteractionFactory(author=officer)
            interaction.people.add(other.person)
            interaction.organisations.add(other.organisation)

    add(2)
    few = queries_for(officer_client, subject.get_absolute_url())
    add(10)
    many = queries_for(officer_client, subject.get_absolute_url())
    assert len(many.captured_queries) == len(few.captured_queries)


def test_country_filter_starts_blank_with_the_separator_disabled(officer_client):
    body = officer_client.get(reverse("contacts:organisation_list")).content.decode()
    select = body.split('name="country"', 1)[1].split("</select>", 1)[0]
    assert select.count(" selected") == 1
    assert '<option value="" disabled>' in select
    assert select.index('<option value="MY"') < select.index('<option value="" disabled>')


@pytest.mark.parametrize("term", ["dato", "Dato' Ahmad", "ahmad", "Gender Focal", "MBPP", "6789", "012-345 6789"])
def test_people_search_matches_honorific_name_post_organisation_and_phone(officer_client, term):
    penang = OrganisationFactory(name="Penang Island City Council", acronym="MBPP")
    ahmad = PersonFactory(full_name="Ahmad bin Ismail", honorific="Dato'", phone="+60123456789")
    AffiliationFactory(person=ahmad, organisation=penang, position="Gender Focal Point")
    PersonFactory(full_name="Siti Aminah", honorific="Puan")
    response = officer_client.get(reverse("contacts:person_list"), {"q": term})
    assert list(response.context["object_list"]) == [ahmad]


def test_people_search_ignores_past_posts(officer_client):
    former = PersonFactory(full_name="Lim Wei Ling")
    AffiliationFactory(person=former, position="Gender Focal Point", is_current=False)
    response = officer_client.get(reverse("contacts:person_list"), {"q": "Gender Focal"})
    assert list(response.context["object_list"]) == []

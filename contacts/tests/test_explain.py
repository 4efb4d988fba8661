"""Each list's main query, for each sort and filter, and global search: served by an index on the big tables."""

import pytest
from django.urls import reverse

from contacts.models import Organisation
from contacts.tests.explain import big_tables_read, sequential_scans
from contacts.tests.factories import AffiliationFactory, InteractionFactory, PersonFactory


@pytest.fixture
def few_records(officer):
    for n in range(3):
        post = AffiliationFactory(
            person=PersonFactory(full_name=f"Dato' Ahmad bin Ismail {n}"),
            organisation__name=f"Majlis Bandaraya Shah Alam {n}",
            position="Climate officer",
        )
        interaction = InteractionFactory(author=officer, subject=f"Climate resilience workshop {n}")
        interaction.people.add(post.person)
        interaction.organisations.add(post.organisation)
    return post


LISTS = {
    "contacts:person_list": [
        "",
        "?page=2",
        "?q=ahmad",
        "?q=dato+ahmad",
        "?sort=name",
        "?sort=-name",
        "?sort=email",
        "?sort=country",
        "?sort=-updated",
        "?kind=local_government",
        "?consent_status=refused",
        "?gender=female",
        "?has_current_affiliation=true",
    ],
    "contacts:organisation_list": [
        "",
        "?q=shah+alam",
        "?kind=local_government",
        "?has_people=true",
    ],
    "contacts:interaction_list": [
        "",
        "?q=climate",
        "?sort=subject",
        "?sort=-when",
        "?sort=kind",
        "?sort=follow_up",
        "?follow_up=open",
        "?follow_up=due",
        "?follow_up=done",
        "?kind=meeting",
    ],
}
CASES = [(name, query) for name, queries in LISTS.items() for query in queries]


@pytest.mark.parametrize(("name", "query"), CASES)
def test_list_main_query_reads_no_big_table_whole(officer_client, few_records, name, query):
    url = reverse(name) + query
    assert big_tables_read(officer_client, url), "the page reads the records it lists"
    scans = sequential_scans(officer_client, url, main_only=True)
    assert not scans, "\n\n".join(f"{sql}\n{plan}" for sql, plan in scans.items())


@pytest.mark.parametrize("name", ["contacts:person_list", "contacts:interaction_list"])
def test_list_filtered_by_a_record_reads_no_big_table_whole(officer_client, few_records, name):
    organisation = Organisation.objects.order_by("pk").last()
    url = reverse(name) + f"?organisation={organisation.pk}"
    scans = sequential_scans(officer_client, url, main_only=True)
    assert not scans, "\n\n".join(f"{sql}\n{plan}" for sql, plan in scans.items())


@pytest.mark.parametrize("query", ["ahmad", "dato ahmad", "climate", "shah alam", "resilence"])
def test_global_search_reads_no_big_table_whole(officer_client, few_records, query):
    url = reverse("search:search") + "?" + f"q={query.replace(' ', '+')}"
    assert big_tables_read(officer_client, url)
    scans = sequential_scans(officer_client, url)
    assert not scans, "\n\n".join(f"{sql}\n{plan}" for sql, plan in scans.items())

"""A search provider whose query runs past SEARCH_STATEMENT_TIMEOUT is stopped by PostgreSQL and left out."""

import pytest
from django.db import connection
from django.urls import reverse

from contacts.models import Person
from contacts.tests.factories import PersonFactory
from liaison.search.registry import Hit, SearchProvider, registry, search_all


class SlowSearch(SearchProvider):
    key = "slow"
    label = "Slow records"
    model = Person
    order = 1

    def search(self, query, user, limit, tsquery=None):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")  # a query that takes longer than search may
        return [Hit("Never shown", "", "/")]


@pytest.fixture
def slow_provider(settings):
    settings.SEARCH_STATEMENT_TIMEOUT = 200
    PersonFactory(full_name="Ahmad bin Ismail")
    with registry.added(SlowSearch()) as provider:
        yield provider


def test_a_provider_past_the_timeout_is_stopped_and_the_others_still_answer(officer, slow_provider):
    groups = search_all("ahmad", officer)
    assert groups.stopped == [slow_provider]
    assert [provider.key for provider, _hits in groups] == ["people"]
    assert [hit.title for hit in groups[0][1]] == ["Ahmad bin Ismail"]
    # The transaction goes on after the stopped query: the database still answers.
    assert Person.objects.filter(full_name="Ahmad bin Ismail").exists()


@pytest.mark.parametrize("quick", [False, True])
def test_the_search_page_says_which_results_are_missing(officer_client, slow_provider, quick):
    headers = {"HX-Request": "true"} if quick else {}
    response = officer_client.get(reverse("search:search"), {"q": "ahmad"}, headers=headers)
    assert response.status_code == 200
    body = response.content.decode()
    assert "the search of Slow records took too long" in body
    assert "Ahmad bin Ismail" in body
    assert "Never shown" not in body


def test_within_the_timeout_nothing_is_said_missing(officer_client, db):
    PersonFactory(full_name="Ahmad bin Ismail")
    response = officer_client.get(reverse("search:search"), {"q": "ahmad"})
    assert "took too long" not in response.content.decode()
    assert response.context["stopped"] == []

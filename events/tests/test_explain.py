"""The events list's main query, for each sort and filter, and the event page's participants: served by an index."""

import pytest
from django.urls import reverse

from contacts.tests.explain import big_tables_read, sequential_scans
from events.tests.factories import EventFactory, ParticipationFactory


@pytest.fixture
def event():
    for n in range(3):
        EventFactory(title=f"Climate resilience forum {n}", venue="Dewan Bandaraya", city="Shah Alam")
    event = EventFactory(title="Urban forum")
    for _ in range(3):
        ParticipationFactory(event=event)
    return event


QUERIES = [
    "",
    "?page=2",
    "?q=climate",
    "?q=shah+alam",
    "?sort=start",
    "?sort=-start",
    "?sort=title",
    "?sort=kind",
    "?sort=level",
    "?sort=status",
    "?kind=forum",
    "?level=national",
    "?status=planned",
    "?date_from=2027-01-01&date_to=2027-12-31",
]


@pytest.mark.parametrize("query", QUERIES)
def test_event_list_main_query_reads_no_big_table_whole(officer_client, event, query):
    url = reverse("events:event_list") + query
    assert big_tables_read(officer_client, url)
    scans = sequential_scans(officer_client, url, main_only=True)
    assert not scans, "\n\n".join(f"{sql}\n{plan}" for sql, plan in scans.items())


def test_event_page_reads_no_big_table_whole(officer_client, event):
    url = event.get_absolute_url()
    assert big_tables_read(officer_client, url, tables=("events_participation",))
    scans = sequential_scans(officer_client, url, tables=("events_participation", "events_event"))
    assert not scans, "\n\n".join(f"{sql}\n{plan}" for sql, plan in scans.items())


def test_event_list_search_matches_words_of_title_venue_and_city_with_a_typo(officer_client, event):
    url = reverse("events:event_list")
    found = officer_client.get(url, {"q": "shah alam"}).context["object_list"]
    assert sorted(e.title for e in found) == [f"Climate resilience forum {n}" for n in range(3)]
    found = officer_client.get(url, {"q": "resilence"}).context["object_list"]
    assert len(found) == 3
    found = officer_client.get(url, {"q": "urban"}).context["object_list"]
    assert [e.title for e in found] == ["Urban forum"]

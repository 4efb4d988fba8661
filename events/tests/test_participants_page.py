"""The event page lists its participants a page at a time, in as many queries for 65 as for 3."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.tests.factories import PersonFactory
from events.views import PARTICIPANTS_PER_PAGE

from .factories import EventFactory, ParticipationFactory


def test_participants_are_paginated_and_the_query_count_does_not_grow(officer_client):
    event = EventFactory()
    for n in range(3):
        ParticipationFactory(event=event, person=PersonFactory(full_name=f"Aminah {n:02d}"))
    officer_client.get(event.get_absolute_url())  # the first request fills the content type cache
    with CaptureQueriesContext(connection) as few:
        response = officer_client.get(event.get_absolute_url())
    assert not response.context["page_obj"].has_other_pages()
    for n in range(3, 65):
        ParticipationFactory(event=event, person=PersonFactory(full_name=f"Aminah {n:02d}"))
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get(event.get_absolute_url())
    assert len(many) == len(few), "\n".join(q["sql"][:150] for q in many)
    page = response.context["page_obj"]
    assert len(page.object_list) == PARTICIPANTS_PER_PAGE == 50
    assert page.has_next()
    body = response.content.decode()
    assert "Aminah 49" in body and "Aminah 50" not in body
    assert "Registered: <strong>65</strong>" in body, "the status counts are over every participant"

    second = officer_client.get(event.get_absolute_url(), {"page": 2})
    assert second.status_code == 200
    names = [p.person.full_name for p in second.context["page_obj"].object_list]
    assert names == [f"Aminah {n:02d}" for n in range(50, 65)]
    assert officer_client.get(event.get_absolute_url(), {"page": "x"}).status_code == 200

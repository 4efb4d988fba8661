"""Input that once broke pages (issue 13): absurd dates, stored or typed; NUL bytes; ids that are not numbers."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from events.models import Event
from events.tests.factories import EventFactory, kl
from funding.models import FundingOpportunity
from funding.tests.factories import FundingOpportunityFactory, MilestoneFactory
from liaison.web.dates import EARLIEST, LATEST, validate_sane_date
from partnerships.tests.factories import AgreementFactory


def _store(table, column, value, pk, kind="timestamptz"):
    """Writes a value the application would refuse, as SQL (or an old version) could have."""
    sql = f'UPDATE {table} SET "{column}" = %s::text::{kind} WHERE id = %s'  # noqa: S608 (names from the test)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value, pk])


def _store_date(table, column, value, pk):
    _store(table, column, value, pk, kind="date")


@pytest.fixture
def year_one_event(db):
    event = EventFactory(title="Forum of year one")
    # What the form once accepted: 0001-01-01T00:00 in Kuala Lumpur, stored as 1 BC in UTC.
    _store("events_event", "start", "0001-01-01 00:00+06:46", event.pk)
    _store("events_event", "end", "10000-01-01 00:00+00", event.pk)
    return event


def test_a_stored_year_one_event_reads_as_the_earliest_date(year_one_event):
    event = Event.objects.get(pk=year_one_event.pk)
    assert event.start.date() == EARLIEST
    assert event.end.date() == LATEST


@pytest.mark.parametrize("query", ["", "?date_from=2000-01-01", "?sort=-start", "?export=csv", "?export=xlsx"])
def test_a_stored_year_one_event_is_listed_and_exported(officer_client, year_one_event, query):
    response = officer_client.get(reverse("events:event_list") + query)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if query in ("", "?sort=-start", "?export=csv"):
        assert b"Forum of year one" in body


def test_a_stored_year_one_event_opens_edits_and_deletes(officer_client, year_one_event):
    pk = year_one_event.pk
    for name in ("events:event_detail", "events:event_update", "events:event_ics", "events:event_delete"):
        assert officer_client.get(reverse(name, args=[pk])).status_code == 200, name
    assert officer_client.get(reverse("search:search") + "?q=year+one").status_code == 200
    response = officer_client.post(reverse("events:event_delete", args=[pk]))
    assert response.status_code == 302
    assert not Event.objects.filter(pk=pk).exists()


def test_admin_lists_and_opens_a_stored_year_one_event(administrator_client, year_one_event):
    assert administrator_client.get("/admin/events/event/").status_code == 200
    assert administrator_client.get(f"/admin/events/event/{year_one_event.pk}/change/").status_code == 200


def test_a_stored_year_one_deadline_and_milestone_and_expiry_still_show(officer_client):
    opportunity = FundingOpportunityFactory(title="Ancient call")
    milestone = MilestoneFactory(opportunity=opportunity)
    agreement = AgreementFactory(title="Ancient MOU")
    _store("funding_fundingopportunity", "deadline", "0001-01-01 00:00+06:46", opportunity.pk)
    _store("funding_milestone", "due", "0001-01-01 00:00+06:46", milestone.pk)
    _store_date("partnerships_agreement", "expiry_date", "0001-01-01", agreement.pk)
    assert FundingOpportunity.objects.get(pk=opportunity.pk).deadline.year == EARLIEST.year
    pages = [
        reverse("funding:opportunity_list"),
        reverse("funding:opportunity_list") + "?export=xlsx",
        reverse("funding:opportunity_detail", args=[opportunity.pk]),
        reverse("partnerships:agreement_list") + "?export=xlsx",
        reverse("partnerships:agreement_detail", args=[agreement.pk]),
        reverse("calendar:month") + "?month=1900-01",
        reverse("home"),
    ]
    for url in pages:
        assert officer_client.get(url).status_code == 200, url


@pytest.mark.parametrize("value", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T23:59", "2201-01-01T00:00"])
def test_the_event_form_refuses_a_start_out_of_range(officer_client, value):
    response = officer_client.post(
        reverse("events:event_create"),
        {"title": "Forum", "kind": "forum", "level": "national", "status": "planned", "start": value, "end": value},
    )
    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()
    assert not Event.objects.exists()


def test_the_date_widgets_tell_the_browser_the_range(officer_client):
    page = officer_client.get(reverse("events:event_create")).content.decode()
    assert 'min="1900-01-01T00:00"' in page and 'max="2200-12-31T23:59"' in page


@pytest.mark.parametrize(
    "query",
    ["?date_from=0001-01-01", "?date_to=9999-12-31", "?started_after=0001-01-01&started_before=9999-12-31"],
)
def test_a_filter_date_out_of_range_is_a_form_error(officer_client, query):
    EventFactory()
    response = officer_client.get(reverse("events:event_list") + query)
    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()


def test_models_refuse_dates_out_of_range_wherever_they_come_from():
    event = EventFactory.build(start=datetime(1, 1, 1, 12), end=kl(date(2027, 1, 1)))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "start" in error.value.message_dict
    with pytest.raises(ValidationError):
        validate_sane_date(date(2201, 1, 1))
    validate_sane_date(date(2200, 12, 31))


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=a%00b",
        "/contacts/people/?q=%00",
        "/contacts/people/?organisation=abc",
        "/contacts/people/?organisation=99999999999999999999999",
        "/contacts/organisations/autocomplete/?q=a%00b",
        "/events/calendar/?month=9999-12",
        "/calendar/?month=9999-12",
        "/calendar/?month=0001-01",
        "/dashboard/?period=custom&start=9999-12-01&end=9999-12-31",
        "/dashboard/?period=custom&start=0001-01-01&end=0001-12-31",
        "/admin/events/event/abc/history/",
        "/admin/events/event/abc/history/xyz/",
        "/admin/contacts/person/1/history/xyz/",
    ],
)
def test_hostile_queries_get_no_server_error(administrator_client, url):
    response = administrator_client.get(url)
    assert response.status_code in (200, 302, 400, 404), url


def test_a_nul_in_the_feed_address_is_a_bad_request(client):
    assert client.get("/calendar/feed/%00.ics").status_code == 400


def test_a_nul_in_a_search_is_dropped(officer_client):
    EventFactory(title="Urban forum")
    response = officer_client.get("/search/?q=Urb%00an")
    assert response.status_code == 200
    assert "Urban forum" in response.content.decode()


def test_a_form_redisplayed_with_an_id_that_is_not_a_number_shows_the_error(officer_client):
    response = officer_client.post(reverse("contacts:person_create"), {"full_name": "Aminah", "organisation": "abc"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_single_line_field_refuses_a_line_break(officer_client):
    start = "2027-03-09T09:00"
    response = officer_client.post(
        reverse("events:event_create"),
        {
            "title": "Forum\r\nX-INJECTED:1",
            "kind": "forum",
            "level": "national",
            "status": "planned",
            "start": start,
            "end": start,
        },
    )
    assert response.status_code == 200
    assert "must fit on one line" in response.content.decode()
    assert not Event.objects.exists()

"""A query PostgreSQL stops at the statement timeout is a 503 page that says why; migrations are not limited."""

import logging

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from liaison.web.timeouts import lift_for_migrations


def fresh_connection():
    """A new connection made as the application makes them (the test run's own has migrated, lifting the limit)."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    return psycopg2.connect(**params)


def test_the_applications_connections_carry_the_statement_timeout(db):
    assert settings.STATEMENT_TIMEOUT == 20_000
    fresh = fresh_connection()
    with fresh.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("20s",)
    fresh.close()


@pytest.fixture
def people_table_locked(transactional_db):
    """Another session holds the people table, so that any query on it waits until it is cancelled after 0.3 s."""
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 300")  # as STATEMENT_TIMEOUT does, but quick for the test
    other = fresh_connection()
    with other.cursor() as cursor:
        cursor.execute("LOCK TABLE contacts_person IN ACCESS EXCLUSIVE MODE")
    yield
    other.rollback()
    other.close()
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = %s", [settings.STATEMENT_TIMEOUT])


def test_a_page_whose_query_is_cancelled_answers_503_with_a_message(officer_client, people_table_locked, caplog):
    with caplog.at_level(logging.WARNING, logger="liaison.web.timeouts"):
        response = officer_client.get(reverse("contacts:person_list"), {"q": "ahmad"})

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "This took too long" in response.content.decode()
    assert "Narrow the search" in response.content.decode()
    assert "Query cancelled after the statement timeout: GET /contacts/people/" in caplog.text


def test_the_timeout_page_is_in_malay_for_a_malay_reader(officer_client, people_table_locked):
    response = officer_client.get(reverse("contacts:person_list"), headers={"accept-language": "ms"})
    assert response.status_code == 503
    assert "Ini mengambil masa terlalu lama" in response.content.decode()


def test_migrations_lift_the_limit_for_their_connection(db):
    lift_for_migrations(using="default")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("0",)
        cursor.execute("SET statement_timeout = %s", [settings.STATEMENT_TIMEOUT])

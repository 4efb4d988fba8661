"""Rate limits (django-ratelimit) and the client address behind the proxy (django-axes, BEHIND_PROXY)."""

import uuid

import pytest
from django.test import RequestFactory
from django.urls import reverse

from liaison.web.login import client_ip


@pytest.fixture
def ratelimits(settings):
    settings.RATELIMIT_ENABLE = True
    # Counters of this test only: a fresh local cache, not the shared Redis.
    location = uuid.uuid4().hex
    settings.CACHES = {
        **settings.CACHES,
        "ratelimits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location},
    }
    settings.RATELIMIT_USE_CACHE = "ratelimits"
    settings.RATELIMITS = dict.fromkeys(("login", "password_reset", "export", "search", "autocomplete"), "3/h")


def test_search_exports_and_autocomplete_are_limited_per_user(officer_client, ratelimits):
    for url in ("/search/?q=majlis", "/contacts/people/?export=csv", "/contacts/organisations/autocomplete/?q=a"):
        statuses = [officer_client.get(url).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429], url
        assert "Too many requests" in officer_client.get(url).content.decode()


def test_password_resets_are_limited_per_address(client, db, ratelimits):
    url = reverse("password_reset")
    statuses = [client.post(url, {"email": f"{n}@example.org"}).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]


def test_log_in_attempts_are_limited_per_username_from_any_address(client, officer, ratelimits, settings):
    settings.AXES_FAILURE_LIMIT = 100
    statuses = [
        client.post(
            reverse("login"), {"username": "officer", "password": "wrong"}, REMOTE_ADDR=f"10.0.0.{n}"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_behind_the_proxy_the_client_address_is_the_one_the_proxy_saw(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "127.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.9"  # what a client wrote before (6.6.6.6) is not trusted
    request.META["HTTP_X_FORWARDED_FOR"] = "not-an-address"
    assert client_ip(request) == "127.0.0.1"


def test_axes_locks_one_client_behind_the_proxy_not_everyone(client, officer, settings):
    settings.BEHIND_PROXY = True
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        client.post(reverse("login"), {"username": "officer", "password": "wrong"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    locked = client.post(
        reverse("login"), {"username": "officer", "password": "wrong"}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert locked.status_code == 429
    other = client.post(
        reverse("login"),
        {"username": "officer", "password": "a-Strong-test-passw0rd"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert other.status_code == 302


def test_exporting_a_selection_counts_against_the_export_limit(officer_client, ratelimits):
    from contacts.tests.factories import PersonFactory

    person = PersonFactory()
    data = {"bulk_action": "web.export", "ids": [person.pk], "confirm": "1", "format": "csv"}
    statuses = [officer_client.post(reverse("contacts:person_list"), data).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]

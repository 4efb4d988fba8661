"""Request ids: taken from a sane X-Request-ID or made, returned in the header, on log lines and in 500 reports."""

import io
import logging
import re

import pytest
from django.contrib.auth.decorators import login_not_required
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from liaison.tests.test_settings import manage

log = logging.getLogger("liaison.tests.request_ids")


@login_not_required
def _logs(request):
    log.warning("something worth a look")
    return HttpResponse("ok")


@login_not_required
def _fails(request):
    raise RuntimeError("the view broke")


urlpatterns = [path("logs/", _logs), path("fails/", _fails)]
handler500 = "liaison.web.views.server_error"


@pytest.fixture
def console():
    """What the configured console handler (settings.LOGGING) writes."""
    handler = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_it_makes_an_id_and_returns_it(client, db):
    first, second = client.get("/healthz/")["X-Request-ID"], client.get("/healthz/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and first != second


def test_it_keeps_the_proxys_sane_id(client, db):
    response = client.get("/healthz/", headers={"X-Request-ID": "nginx-4f2a9c1d7e"})
    assert response["X-Request-ID"] == "nginx-4f2a9c1d7e"


@pytest.mark.parametrize("offered", ["short", "x" * 200, "abc def ghi jkl", "forged\nline-1234", "id;rm -rf /"])
def test_it_replaces_an_id_that_is_not_sane(client, db, offered):
    response = client.get("/healthz/", headers={"X-Request-ID": offered})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.urls("liaison.web.tests.test_request_ids")
def test_a_log_line_written_during_the_request_names_its_id(client, db, console):
    response = client.get("/logs/", headers={"X-Request-ID": "req-0123456789"})
    assert response.status_code == 200
    assert "WARNING [req-0123456789] liaison.tests.request_ids: something worth a look" in console.getvalue()
    log.warning("outside any request")
    assert "WARNING [-] liaison.tests.request_ids: outside any request" in console.getvalue()


@pytest.mark.urls("liaison.web.tests.test_request_ids")
def test_a_server_error_reports_its_id_to_admins_and_the_user(db, settings, console):
    settings.ADMINS = [("Ops", "ops@example.org")]
    client = Client(raise_request_exception=False)
    response = client.get("/fails/", headers={"X-Request-ID": "req-boom-98765"})
    assert response.status_code == 500
    assert response["X-Request-ID"] == "req-boom-98765"
    assert "Reference / Rujukan: <code>req-boom-98765</code>" in response.content.decode()
    [report] = mail.outbox
    assert report.to == ["ops@example.org"]
    assert "[req-boom-98765]" in report.subject and "Internal Server Error: /fails/" in report.subject
    assert "[req-boom-98765]" in report.body and "RuntimeError at /fails/" in report.body
    assert "ERROR [req-boom-98765] django.request: Internal Server Error: /fails/" in console.getvalue()


def test_admins_from_the_environment_are_name_and_address_pairs():
    script = "from django.conf import settings; print(settings.ADMINS)"
    result = manage("shell", "-c", script, ADMINS="Ops <ops@example.org>,lee@example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[('Ops', 'ops@example.org'), ('', 'lee@example.org')]"

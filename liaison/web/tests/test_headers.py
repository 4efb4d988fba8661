"""Security headers and sessions: CSP, caching of private pages, Permissions-Policy, CSRF page, idle timeout."""

import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _csp(response):
    return response["Content-Security-Policy"]


def test_a_logged_in_page_has_a_strict_csp_and_is_never_stored(officer_client):
    response = officer_client.get(reverse("contacts:person_list"))
    assert response.status_code == 200
    assert "script-src 'self'" in _csp(response) and "object-src 'none'" in _csp(response)
    assert "unsafe-inline" not in _csp(response).split("script-src")[1].split(";")[0]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]


def test_an_export_is_never_stored(officer_client):
    response = officer_client.get(reverse("contacts:person_list") + "?export=csv")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "script-src 'self'" in _csp(response) and "object-src 'none'" in _csp(response)


def test_the_login_page_has_the_csp_too(client):
    response = client.get(reverse("login"))
    assert "script-src 'self'" in _csp(response)


def test_no_template_has_an_inline_script_or_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        if re.search(r"\son[a-z]+\s*=", text) or re.search(
            r"<script(?![^>]*\b(src|type=\"application/json\")\b)", text
        ):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert not offenders


def test_a_csrf_failure_gets_the_branded_page(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("reminders:notifications_read_all"))
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()


def test_a_session_idle_too_long_ends(officer_client, settings):
    assert officer_client.get(reverse("contacts:person_list")).status_code == 200
    session = officer_client.session
    session["last_seen"] -= settings.SESSION_IDLE_SECONDS + 1
    session.save()
    response = officer_client.get(reverse("contacts:person_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert officer_client.get(reverse("contacts:person_list")).status_code == 302  # logged out for good


def test_the_language_cookie_is_http_only_and_sessions_end_with_the_browser():
    assert settings.LANGUAGE_COOKIE_HTTPONLY and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_huge_username_is_refused_not_a_server_error(client, db):
    response = client.post(reverse("login"), {"username": "x" * 10_000, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()

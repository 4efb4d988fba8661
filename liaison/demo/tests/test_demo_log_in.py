"""A new developer logs in as each demo user with what `make run` prints and the README says, two-factor included."""

import re
from base64 import b32decode
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp

from liaison.demo.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def app_code(page: str) -> str:
    """What an authenticator app shows for the key typed from the set-up page."""
    key = re.search(r'<code id="two-factor-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    return f"{totp(b32decode(key)):06d}"


def test_seed_demo_says_how_the_demo_users_log_in():
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert f"password: {DEMO_PASSWORD}" in out.getvalue()
    assert "supervisor and admin set it up at their first log-in" in out.getvalue()


@pytest.mark.parametrize(("username", "page"), [("supervisor", "dashboard:dashboard"), ("admin", "admin:index")])
def test_the_demo_supervisor_and_admin_set_up_two_factor_then_log_in_with_their_app(client, username, page):
    call_command("seed_demo", force=True, stdout=StringIO())
    client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    response = client.get(reverse(page))
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor:setup"))
    setup = client.get(response["Location"]).content.decode()
    response = client.post(reverse("two_factor:setup"), {"code": app_code(setup)})
    assert len(response.context["codes"]) == 10  # the recovery codes, shown once
    assert client.get(reverse(page)).status_code == 200
    # The next log-in asks for the app's code.
    client.logout()
    client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert client.get(reverse(page)).status_code == 302


def test_the_demo_officer_logs_in_with_the_password_alone(client):
    call_command("seed_demo", force=True, stdout=StringIO())
    client.post(reverse("login"), {"username": "officer", "password": DEMO_PASSWORD})
    assert client.get(reverse("contacts:person_list")).status_code == 200

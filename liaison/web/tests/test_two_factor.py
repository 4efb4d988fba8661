"""Two-factor log-in with real TOTP codes (django_otp.oath.totp): required roles, the code step, recovery codes."""

from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, app_of, login, make_user, totp_code
from liaison.web.roles import OFFICER, SUPERVISOR


def _password(client, username, next_url=""):
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": username, "password": PASSWORD, "next": next_url})


def test_an_administrator_gives_the_code_after_the_password_and_reaches_the_admin(client, administrator):
    _password(client, "administrator", "/admin/")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor:verify"))
    assert client.get(reverse("contacts:person_list")).status_code == 302
    response = client.post(response["Location"], {"code": totp_code(app_of(administrator)), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client, administrator):
    _password(client, "administrator")
    wrong = totp_code(app_of(administrator), offset=5)
    response = client.post(reverse("two_factor:verify"), {"code": wrong})
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_force_login_alone_does_not_verify_a_supervisor(client, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:dashboard"))
    assert response["Location"].startswith(reverse("two_factor:verify"))


def test_a_supervisor_without_an_app_must_set_one_up_and_gets_recovery_codes(client, db):
    user = make_user("newsupervisor", SUPERVISOR)
    _password(client, "newsupervisor")
    response = client.get(reverse("dashboard:dashboard"))
    assert response["Location"].startswith(reverse("two_factor:setup"))
    page = client.get(response["Location"])
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("two_factor:setup"), {"code": totp_code(device)})
    codes = response.context["codes"]
    assert len(codes) == 10
    assert app_of(user) is not None
    assert client.get(reverse("dashboard:dashboard")).status_code == 200
    # A recovery code logs in once.
    client.logout()
    _password(client, "newsupervisor")
    client.post(reverse("two_factor:verify"), {"code": codes[0]})
    assert client.get(reverse("dashboard:dashboard")).status_code == 200
    client.logout()
    _password(client, "newsupervisor")
    assert client.post(reverse("two_factor:verify"), {"code": codes[0]}).status_code == 200
    assert client.get(reverse("dashboard:dashboard")).status_code == 302


def test_an_officer_logs_in_without_a_code_until_turning_it_on_and_off(client, officer):
    _password(client, "officer")
    assert client.get(reverse("contacts:person_list")).status_code == 200
    client.get(reverse("two_factor:setup"))
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    client.post(reverse("two_factor:setup"), {"code": totp_code(device, offset=-1)})  # a code is used only once
    client.logout()
    _password(client, "officer")
    assert client.get(reverse("contacts:person_list")).status_code == 302
    client.post(reverse("two_factor:verify"), {"code": totp_code(app_of(officer))})
    client.post(reverse("two_factor:disable"), {"code": totp_code(app_of(officer), offset=1)})
    assert app_of(officer) is None


def test_a_supervisor_cannot_turn_it_off(client, supervisor):
    login(client, supervisor)
    client.post(reverse("two_factor:disable"), {"code": totp_code(app_of(supervisor))})
    assert app_of(supervisor) is not None


def test_new_recovery_codes_replace_the_old_ones(client, supervisor):
    login(client, supervisor)
    first = client.post(reverse("two_factor:recovery_codes")).context["codes"]
    second = client.post(reverse("two_factor:recovery_codes")).context["codes"]
    assert not set(first) & set(second)
    client.logout()
    _password(client, "supervisor")
    assert client.post(reverse("two_factor:verify"), {"code": first[0]}).status_code == 200


def test_an_officer_made_staff_needs_two_factor_for_the_admin(client, db):
    make_user("staffer", OFFICER, is_staff=True)
    _password(client, "staffer")
    assert client.get("/admin/")["Location"].startswith(reverse("two_factor:setup"))

import pytest
from django.core import mail
from django.urls import reverse

from conftest import PASSWORD, login


def test_login_page_uses_the_application_layout(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Log in to Liaison" in body
    assert 'class="navbar' in body
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in body


def test_it_logs_in_and_greets_the_user_by_role(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    body = response.content.decode()
    assert "Welcome, Officer" in body
    assert "never miss a deadline" in body


def test_wrong_password_shows_a_clear_error_and_logs_nobody_in(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_login(client, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_takes_a_post_and_ends_the_session(officer_client):
    response = officer_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert officer_client.get(reverse("home")).status_code == 302


def test_password_change_enforces_the_validators(officer_client, officer):
    response = officer_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "This password is too common" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


def test_password_change_with_a_good_password(officer_client, officer):
    new = "Kampung-Baru-2027!"
    response = officer_client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(new)


def test_password_reset_mails_a_working_link(client, officer):
    response = client.post(reverse("password_reset"), {"email": officer.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Liaison: choose a new password"
    link = next(line for line in message.body.splitlines() if "/accounts/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert "Choose a new password" in response.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing(client, db):
    client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert mail.outbox == []


@pytest.mark.parametrize("role_fixture", ["officer", "supervisor", "administrator"])
def test_home_greets_each_role(client, request, role_fixture):
    user = request.getfixturevalue(role_fixture)
    login(client, user)
    body = client.get(reverse("home"), follow=True).content.decode()  # supervisors land on the dashboard
    greeting = {
        "officer": "never miss a deadline",
        "supervisor": "Review how the office is doing",
        "administrator": "Manage users, roles",
    }[role_fixture]
    assert greeting in body


def test_user_without_a_role_is_told_so(client, outsider):
    login(client, outsider)
    assert "Your account has no role yet" in client.get(reverse("home")).content.decode()


def test_healthz_answers_without_login(client, db):
    response = client.get(reverse("healthz"))
    assert response.json()["status"] == "ok"
    assert response.json()["reminders"] == {"status": "ok", "last_checked": None, "minutes_ago": None}


def test_user_switches_to_bahasa_malaysia(officer_client):
    response = officer_client.post(reverse("set_language"), {"language": "ms", "next": reverse("home")}, follow=True)
    body = response.content.decode()
    assert 'lang="ms"' in body
    assert "Selamat datang, Officer" in body
    assert "Tukar kata laluan" in body


def test_every_page_of_the_navigation_reads_in_bahasa_malaysia(officer_client):
    officer_client.post(reverse("set_language"), {"language": "ms", "next": "/"})
    body = officer_client.get(reverse("home")).content.decode()
    for malay in ["Kenalan", "Perkongsian", "Pembiayaan", "Acara", "Papan pemuka", "Organisasi"]:
        assert malay in body, malay

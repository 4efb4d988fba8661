import pytest

from conftest import PASSWORD, browser_login

pytestmark = pytest.mark.browser


def test_user_logs_in_through_the_real_login_page_and_sees_home(page, officer):
    browser_login(page, "officer")
    page.wait_for_url("**/")
    assert page.get_by_role("heading", name="Welcome, Officer").is_visible()
    # Bootstrap's JavaScript is served locally and works: the user menu opens.
    page.locator("#userMenu").click()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert page.errors == []


def test_an_administrator_gives_the_two_factor_code_to_reach_the_admin(page, administrator):
    from conftest import app_of, totp_code

    page.goto("/accounts/login/?next=/admin/")
    page.get_by_label("Username").fill("administrator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/two-factor/verify/**")
    page.get_by_label("Code").fill(totp_code(app_of(administrator), offset=5))
    page.get_by_role("button", name="Verify").click()
    assert page.get_by_text("This code is not right").is_visible()
    page.wait_for_timeout(1100)  # django-otp refuses any code for a second after a wrong one (its throttle)
    page.get_by_label("Code").fill(totp_code(app_of(administrator)))
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Records, users and reference data").is_visible()

import pytest

from conftest import browser_login

pytestmark = pytest.mark.browser


def test_user_logs_in_through_the_real_login_page_and_sees_home(page, officer):
    browser_login(page, "officer")
    page.wait_for_url("**/")
    assert page.get_by_role("heading", name="Welcome, Officer").is_visible()
    # Bootstrap's JavaScript is served locally and works: the user menu opens.
    page.locator("#userMenu").click()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert page.errors == []

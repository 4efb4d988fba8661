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


@pytest.mark.parametrize("width", [1200, 1366])
def test_the_malay_navigation_holds_on_one_line_for_every_role(
    browser, live_server, officer, supervisor, administrator, width
):
    """Every section, the search box, the bell and the user menu fit the bar at 1366 px, in Malay, for each role."""
    for user in (officer, supervisor, administrator):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 800})
        page = context.new_page()
        browser_login(page, user.username)
        page.wait_for_load_state()
        context.add_cookies([{"name": "django_language", "value": "ms", "url": live_server.url}])
        page.goto("/work/")
        assert page.locator("html").get_attribute("lang") == "ms"
        assert page.get_by_role("heading", name="Kerja saya").is_visible()
        bar = page.evaluate(
            """() => {
                const nav = document.querySelector('nav.navbar');
                const parts = [...nav.querySelectorAll('.navbar-brand, .nav-item, form[role=search]')];
                return {
                    height: nav.getBoundingClientRect().height,
                    right: Math.max(...parts.map(e => e.getBoundingClientRect().right)),
                    overflow: nav.scrollWidth - nav.clientWidth,
                };
            }"""
        )
        assert bar["overflow"] == 0 and bar["right"] <= width, (user.username, bar)
        assert bar["height"] < 70, (user.username, bar)  # one line: a wrapped bar is twice as high
        # The name left the bar at this width: the open user menu still says who is logged in, and as what.
        page.locator("#userMenu").click()
        assert (
            page.locator(".dropdown-menu-end .dropdown-header")
            .inner_text()
            .startswith(user.get_full_name() or user.username)
        )
        context.close()

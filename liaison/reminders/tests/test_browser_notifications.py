import pytest

from conftest import browser_login
from liaison.reminders.models import Notification

pytestmark = pytest.mark.browser


def test_officer_marks_notifications_read_and_the_bell_follows(page, officer):
    first, _second = (Notification.objects.create(user=officer, title=f"Due tomorrow: call {n}") for n in (1, 2))
    browser_login(page, "officer")
    page.wait_for_url("**/")
    assert page.locator("#bell-count").inner_text().startswith("2")

    page.locator("#notification-bell").click()
    page.wait_for_url("**/notifications/")
    page.locator(f"#notification-{first.pk}").get_by_role("button", name="Mark read").click()
    page.locator(f"#notification-{first.pk} button").wait_for(state="detached")
    assert page.locator("#bell-count").inner_text().startswith("1")  # swapped in by htmx, no reload

    page.get_by_role("button", name="Mark all read").click()
    page.locator("#bell-count").wait_for(state="hidden")
    assert Notification.objects.unread().count() == 0
    assert page.errors == []

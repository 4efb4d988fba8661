"""The public registration page in a real browser, without logging in, with and without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contacts.tests.factories import purpose
from events.models import Registration, RegistrationPage
from liaison.privacy.models import Purpose

from .factories import EventFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def registration_page(db):
    purpose(Purpose.EVENT_REGISTRATION)
    start = timezone.now() + timedelta(days=20)
    event = EventFactory(title="Forum Bandar Malaysia", start=start, end=start + timedelta(hours=6))
    return RegistrationPage.objects.create(event=event, is_open=True, capacity=1, ask_dietary=True)


def fill(page, name, email):
    page.get_by_label("Full name").fill(name)
    page.locator("#id_email").fill(email)
    page.get_by_label("Organisation").fill("Majlis Perbandaran Kajang")
    page.get_by_label("Dietary needs").fill("halal")
    page.get_by_label("I agree to the notice above.").check()


def test_an_anonymous_visitor_registers_and_the_next_one_waits(page, registration_page, mailoutbox):
    page.goto(registration_page.get_absolute_url())
    page.get_by_role("heading", name="Register for Forum Bandar Malaysia").wait_for()
    assert not page.locator("input[name=website]").is_visible()  # the honeypot is not seen
    fill(page, "Nurul Izzah", "nurul@example.org")
    page.get_by_role("button", name="Register").click()
    page.locator("#registration-thanks").wait_for()

    # The next visitor, in Malay, beyond the capacity.
    page.goto(registration_page.get_absolute_url())
    page.locator("#language-select").select_option("ms")
    page.get_by_role("heading", name="Daftar untuk Forum Bandar Malaysia").wait_for()
    page.get_by_label("Nama penuh").fill("Hafiz Rahman")
    page.locator("#id_email").fill("hafiz@example.org")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Daftar").click()
    page.locator("#registration-thanks").wait_for()

    statuses = dict(Registration.objects.values_list("email", "participation__status"))
    assert statuses == {"nurul@example.org": "registered", "hafiz@example.org": "waiting"}
    assert [m.subject for m in mailoutbox] == [
        "Registration confirmed: Forum Bandar Malaysia",
        "Senarai menunggu: Forum Bandar Malaysia",
    ]
    assert page.errors == []


def test_it_works_without_javascript_and_shows_errors(browser, live_server, registration_page):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(registration_page.get_absolute_url())
    page.locator("#id_email").fill("not an address")
    page.get_by_role("button", name="Register").click()
    page.get_by_text("Enter a valid email address.").wait_for()
    fill(page, "Nurul Izzah", "nurul@example.org")
    page.get_by_role("button", name="Register").click()
    page.locator("#registration-thanks").wait_for()
    assert Registration.objects.get().email == "nurul@example.org"
    context.close()

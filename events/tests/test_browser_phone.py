"""The phone layout at 390 px in Chromium: rows before the filters, the open menu, the calendar, the copy button."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import browser_login
from contacts.tests.factories import PersonFactory

from .factories import EventFactory, MissionFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOTS = os.environ.get("LIAISON_SCREENSHOTS", "")  # a folder: the layouts looked at are saved there


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    yield page
    context.close()


def overflow(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_on_a_phone_the_rows_come_first_and_the_filters_open_with_a_button(phone, officer):
    PersonFactory.create_batch(30)
    browser_login(phone, "officer")
    phone.goto("/contacts/people/")
    first_row = phone.locator("table tbody tr").first
    assert first_row.is_visible()
    assert first_row.bounding_box()["y"] + 20 < PHONE["height"]  # above the fold
    form = phone.locator("#list-filters form")
    assert not form.is_visible()
    button = phone.get_by_role("button", name="Filters")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    form.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    assert form.bounding_box()["y"] < first_row.bounding_box()["y"]  # opened above the rows it filters
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/list-filters-open-390.png")
    phone.get_by_label("Search").last.fill("Nurul")
    assert overflow(phone) == 0
    assert phone.errors == []


def test_a_filtered_list_says_how_many_filters_are_on_behind_the_button(phone, officer):
    browser_login(phone, "officer")
    phone.goto("/events/?kind=training&level=local")
    assert phone.locator("#list-filters-toggle .badge").inner_text() == "2"
    assert not phone.locator("#list-filters form").is_visible()


def test_on_a_wide_screen_the_filters_show_beside_the_rows_without_a_button(page, officer):
    page.set_viewport_size({"width": 1366, "height": 768})
    browser_login(page, "officer")
    page.goto("/contacts/people/")
    assert page.locator("#list-filters form").is_visible()
    assert not page.get_by_role("button", name="Filters").is_visible()


def test_the_open_menu_on_a_phone_is_one_clean_column(phone, officer):
    browser_login(phone, "officer")
    phone.goto("/contacts/people/")
    phone.locator(".navbar-toggler").click()
    menu = phone.locator("#mainNav")
    menu.wait_for(state="visible")
    phone.wait_for_timeout(400)  # the collapse's transition
    layout = phone.evaluate(
        """() => {
            const menu = document.querySelector('#mainNav');
            const items = [...menu.querySelectorAll(':scope > ul > .nav-item, :scope > form')];
            const boxes = items.map(e => e.getBoundingClientRect());
            return {
                overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                right: Math.max(...boxes.map(b => b.right)),
                left: Math.min(...boxes.map(b => b.left)),
                overlapping: boxes.slice(1).filter((b, i) => b.top < boxes[i].bottom - 1).length,
                search: menu.querySelector('form[role=search]').getBoundingClientRect().width,
                menuBottom: menu.getBoundingClientRect().bottom,
            };
        }"""
    )
    assert layout["overflow"] == 0 and layout["right"] <= PHONE["width"] and layout["left"] >= 0, layout
    assert layout["overlapping"] == 0, layout  # one item per line, none over another
    assert layout["search"] > PHONE["width"] * 0.8, layout  # the search box takes the width
    assert layout["menuBottom"] <= PHONE["height"], layout  # it scrolls within the screen if it must
    assert menu.locator(".nav-menu-label").inner_text() == "Notifications"  # the bell says what it is
    assert menu.locator(".nav-menu-label").is_visible()
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/open-menu-390.png")
    assert phone.errors == []


@pytest.mark.parametrize("view", ["", "?view=week", "?view=agenda"])
def test_the_calendar_on_a_phone_has_no_sideways_scroll_and_reads_as_an_agenda(phone, officer, view):
    today = timezone.localtime()
    for days in range(0, 6):
        start = today + timedelta(days=days)
        EventFactory(title=f"A forum with a long name on local plans {days}", start=start, end=start)
    MissionFactory(traveller=officer, start_date=today.date(), end_date=today.date() + timedelta(days=2))
    browser_login(phone, "officer")
    phone.goto("/calendar/" + view)
    assert overflow(phone) == 0
    if SHOTS:
        phone.screenshot(path=f"{SHOTS}/calendar-390{view.replace('?view=', '-')}.png", full_page=True)
    if not view:
        assert not phone.locator(".calendar-grid").is_visible()  # the month's grid gives way to its agenda
        assert phone.locator(".calendar-month-agenda").is_visible()
    assert phone.get_by_role("link", name="A forum with a long name on local plans 0").first.is_visible()
    assert phone.errors == []


def test_the_copy_button_copies_the_feed_address(browser, live_server, officer):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    browser_login(page, "officer")
    page.goto("/calendar/subscribe/")
    address = page.locator("#feed-url").input_value()
    page.get_by_role("button", name="Copy").click()
    status = page.locator("#copy-feed-status")
    status.wait_for(state="visible")
    assert status.inner_text().startswith("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    context.close()

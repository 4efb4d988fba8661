"""In Chromium: bulk actions and saved views on the people list, as an officer does them."""

import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from contacts.tests.factories import PersonFactory
from events.tests.factories import EventFactory
from liaison.web.models import SavedView

pytestmark = pytest.mark.browser


def test_officer_adds_two_selected_people_to_an_event(page, officer):
    event = EventFactory(title="Malaysia Urban Forum 2027")
    PersonFactory(full_name="Siti binti Ali")
    PersonFactory(full_name="Aminah binti Omar")
    PersonFactory(full_name="Ravi Kumar")

    browser_login(page, "officer")
    page.wait_for_url("**/")
    page.goto("/contacts/people/")
    page.get_by_label("Select Siti binti Ali").check()
    page.get_by_label("Select Ravi Kumar").check()
    page.get_by_label("Action on the selected rows").select_option(label="Add to an event")
    page.get_by_role("button", name="Continue…").click()

    expect(page.get_by_text("This applies to 2 people")).to_be_visible()
    page.get_by_label("Event").select_option(label=str(event))
    page.get_by_label("Status").select_option("registered")
    page.get_by_role("button", name="Confirm for 2 people").click()

    page.wait_for_url(f"**{event.get_absolute_url()}")
    expect(page.get_by_text(f"2 added to {event} (0 were already on it).")).to_be_visible()
    expect(page.get_by_role("link", name="Siti binti Ali")).to_be_visible()
    expect(page.get_by_role("link", name="Ravi Kumar")).to_be_visible()
    assert page.get_by_role("link", name="Aminah binti Omar").count() == 0
    assert set(event.participations.values_list("person__full_name", flat=True)) == {"Siti binti Ali", "Ravi Kumar"}
    assert page.errors == []


def test_officer_saves_a_view_applies_it_and_removes_a_filter_chip(page, officer):
    PersonFactory(full_name="Siti binti Ali", gender="female")
    PersonFactory(full_name="Aminah binti Omar", gender="female")
    PersonFactory(full_name="Hakim bin Osman binti", gender="male")
    PersonFactory(full_name="Ravi Kumar", gender="male")
    rows = page.locator("#rows tbody tr")

    browser_login(page, "officer")
    page.wait_for_url("**/")
    page.goto("/contacts/people/")
    expect(rows).to_have_count(4)
    assert page.get_by_role("button", name="Filter").count() == 0  # filters apply as they change
    # Typing in the search box and choosing a gender filter the rows at once; the address follows.
    page.locator("#id_q").fill("binti")
    page.wait_for_url(re.compile(r"q=binti"))
    expect(rows).to_have_count(3)
    page.get_by_label("Gender").select_option("female")
    page.wait_for_url(re.compile(r"gender=female"))
    expect(rows).to_have_count(2)
    expect(page.locator(".filter-chip")).to_have_count(2)

    page.get_by_text("Save this view").click()
    page.get_by_placeholder("Name of the view").fill("Women named binti")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("View “Women named binti” saved.")).to_be_visible()
    assert SavedView.objects.get().query == "q=binti&gender=female"

    # Back to the whole list, then the view from the menu.
    page.goto("/contacts/people/")
    expect(rows).to_have_count(4)
    page.get_by_role("button", name="Saved views").click()
    page.get_by_role("link", name="Women named binti").click()
    page.wait_for_url(re.compile(r"q=binti&gender=female"))
    expect(rows).to_have_count(2)
    chips = page.locator(".filter-chip")
    expect(chips).to_have_count(2)
    expect(chips.filter(has_text="Search: binti")).to_be_visible()

    # Removing the gender chip keeps the search.
    chips.filter(has_text="Gender: Female").click()
    page.wait_for_url(re.compile(r"q=binti(?!.*gender)"))
    expect(rows).to_have_count(3)
    expect(page.locator(".filter-chip")).to_have_count(1)
    assert page.locator("#id_q").input_value() == "binti"
    assert page.errors == []

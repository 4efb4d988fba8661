import re

import pytest
from playwright.sync_api import expect

from conftest import browser_login
from contacts.models import Interaction, Person

pytestmark = pytest.mark.browser


def test_officer_creates_an_organisation_and_a_person_then_logs_an_interaction_from_the_person_page(page, officer):
    page.set_default_timeout(10_000)
    browser_login(page, "officer")
    page.wait_for_url("**/")

    page.goto("/contacts/organisations/new/")
    page.locator("#id_name").fill("Majlis Perbandaran Contoh")
    page.locator("#id_acronym").fill("MPC")
    page.locator("#id_kind").select_option("local_government")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Majlis Perbandaran Contoh")).to_be_visible()

    page.goto("/contacts/people/new/")
    page.locator("#id_full_name").fill("Dato' Ahmad bin Ismail")
    page.locator("#id_mobile").fill("012-345 6789")
    page.locator("#id_organisation-ts-control").fill("Contoh")  # the autocomplete asks the server
    page.locator(".ts-dropdown .option", has_text="Majlis Perbandaran Contoh").click()
    page.locator("#id_position").fill("Director of Planning")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Dato' Ahmad bin Ismail")).to_be_visible()
    expect(page.get_by_text("Director of Planning")).to_be_visible()
    person_url = page.url

    panel = page.locator("#interaction-panel")  # no interaction yet: the form is open
    panel.locator("#id_subject").fill("Gender-responsive budgeting training")
    panel.locator("#id_kind").select_option("call")
    panel.locator("#id_follow_up_date").fill("2026-12-15")
    panel.get_by_role("button", name="Log interaction").click()

    expect(page.get_by_role("status")).to_contain_text("Logged: Gender-responsive budgeting training")
    timeline = page.get_by_role("list", name="Interaction timeline")
    expect(timeline).to_contain_text("Gender-responsive budgeting training")
    expect(timeline).to_contain_text("Follow up by 15 Dec 2026")
    assert page.url == person_url  # never left the page
    person = Person.objects.get()
    assert (person.honorific, person.mobile) == ("Dato'", "+60123456789")
    interaction = Interaction.objects.get()
    assert [o.acronym for o in interaction.organisations.all()] == ["MPC"]
    assert re.search(r"/contacts/people/\d+/$", person_url)
    assert page.errors == []

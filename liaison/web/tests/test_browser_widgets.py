import pytest
from django.core.management import call_command

from conftest import browser_login
from contacts.models import Organisation

pytestmark = pytest.mark.browser


def test_sdgs_and_themes_are_picked_by_typing_in_one_searchable_box(page, officer):
    call_command("load_reference", verbosity=0)
    browser_login(page, "officer")
    page.goto("/contacts/organisations/new/")
    page.locator("#id_name").fill("Majlis Perbandaran Contoh")
    sdgs = page.locator("#id_sdgs-ts-control")
    sdgs.fill("climate")
    page.locator(".ts-dropdown .option", has_text="Climate Action").click()
    sdgs.fill("cities")
    page.locator(".ts-dropdown .option", has_text="Sustainable Cities").click()
    page.locator("#id_themes-ts-control").fill("gender")
    page.locator(".ts-dropdown .option", has_text="Gender").first.click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/contacts/organisations/*/")
    organisation = Organisation.objects.get(name="Majlis Perbandaran Contoh")
    assert sorted(organisation.sdgs.values_list("number", flat=True)) == [11, 13]
    assert organisation.themes.count() == 1
    assert page.errors == []

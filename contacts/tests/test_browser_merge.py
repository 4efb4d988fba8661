import pytest
from playwright.sync_api import expect

from conftest import browser_login
from contacts.models import Person
from contacts.tests.factories import AffiliationFactory, PersonFactory

pytestmark = pytest.mark.browser


def test_officer_merges_a_duplicate_from_the_person_page(page, officer):
    keep = PersonFactory(full_name="Ahmad Faizal bin Hassan", email="ahmad@mbsa.gov.my")
    other = PersonFactory(full_name="Ahmad Faizal Hassan", email="faizal@example.org")
    AffiliationFactory(person=other, position="Director of Planning")
    page.set_default_timeout(10_000)
    browser_login(page, "officer")
    page.wait_for_url("**/")

    page.goto(keep.get_absolute_url())
    page.get_by_role("link", name="Merge with…").click()
    page.locator("#id_other-ts-control").fill("Faizal Hassan")  # the existing autocomplete asks the server
    page.locator(".ts-dropdown .option", has_text="Ahmad Faizal Hassan").click()
    page.get_by_role("button", name="Compare").click()

    expect(page.get_by_role("heading", name="Merge Ahmad Faizal Hassan into Ahmad Faizal bin Hassan")).to_be_visible()
    expect(page.get_by_test_id("merge-moving")).to_contain_text("Affiliations")
    page.get_by_label("faizal@example.org").check()
    page.get_by_role("button", name="Merge for good").click()

    expect(page.get_by_text("Ahmad Faizal Hassan was merged into Ahmad Faizal bin Hassan.")).to_be_visible()
    expect(page.get_by_text("Director of Planning")).to_be_visible()
    expect(page.get_by_text(f"Merged with Ahmad Faizal Hassan (#{other.pk})")).to_be_visible()
    keep.refresh_from_db()
    assert keep.email == "faizal@example.org"
    page.goto(f"/contacts/people/{other.pk}/")
    assert page.url.endswith(keep.get_absolute_url())
    assert not Person.objects.filter(pk=other.pk).exists()
    assert page.errors == []

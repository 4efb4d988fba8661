import pytest

from conftest import browser_login
from contacts.tests.factories import OrganisationFactory
from partnerships.models import Agreement, Partnership, StageChange

pytestmark = pytest.mark.browser


def pick_organisation(page, select_id, text):
    """Type into the autocomplete that replaces the select, then pick the match."""
    page.locator(f"#{select_id}-ts-control").fill(text)
    page.locator(f"#{select_id}-ts-dropdown .option", has_text=text).first.click()


def test_an_officer_creates_a_multilateral_partnership_adds_an_mou_and_moves_it_on_the_board(page, officer):
    for name, acronym in [
        ("United Cities and Local Governments Asia-Pacific", "UCLG ASPAC"),
        ("United Nations Human Settlements Programme", "UN-Habitat"),
        ("Penang Women's Development Corporation", "PWDC"),
    ]:
        OrganisationFactory(name=name, acronym=acronym, kind="other")
    browser_login(page, "officer")
    page.wait_for_url("**/")

    page.goto("/partnerships/new/")
    page.locator("#id_title").fill("Gender-responsive budgeting in Penang")
    page.locator("#id_kind").select_option("multilateral")
    page.locator("#id_stage").select_option("exploring")
    for index, (text, role) in enumerate(
        [("Asia-Pacific", "lead"), ("Human Settlements", "partner"), ("Penang", "implementer")]
    ):
        pick_organisation(page, f"id_partners-{index}-organisation", text)
        page.locator(f"#id_partners-{index}-role").select_option(role)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/partnerships/*/")
    assert page.get_by_role("heading", name="Gender-responsive budgeting in Penang").is_visible()

    page.get_by_role("link", name="Add agreement").click()
    page.locator("#id_title").fill("UCLG ASPAC - UN-Habitat - PWDC MOU")
    page.locator("#id_kind").select_option("mou")
    page.locator("#id_effective_date").fill("2026-02-01")
    page.locator("#id_expiry_date").fill("2029-01-31")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/partnerships/agreements/*/")

    page.goto("/partnerships/board/")
    partnership = Partnership.objects.get()
    page.locator(f"#stage-{partnership.pk}").select_option("negotiating")
    page.get_by_text("moved to Negotiating").wait_for()
    column = page.locator('[data-board-stage="negotiating"]')
    assert column.get_by_role("link", name="Gender-responsive budgeting in Penang").is_visible()

    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.NEGOTIATING
    # Dragging the card to the next column does the same.
    page.drag_and_drop(f"#card-{partnership.pk}", '[data-board-stage="agreed"] .card-body')
    page.get_by_text("moved to Agreed").wait_for()
    partnership.refresh_from_db()
    assert partnership.stage == Partnership.Stage.AGREED
    assert partnership.partner_roles.count() == 3
    assert list(StageChange.objects.values_list("from_stage", "to_stage")) == [
        ("negotiating", "agreed"),
        ("exploring", "negotiating"),
        ("idea", "exploring"),
    ]
    agreement = Agreement.objects.get()
    assert (agreement.partnership, agreement.parties.count(), str(agreement.expiry_date)) == (
        partnership,
        3,
        "2029-01-31",
    )
    assert page.errors == []

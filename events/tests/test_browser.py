import pytest

from conftest import browser_login
from contacts.tests.factories import AffiliationFactory
from events.models import Event

pytestmark = pytest.mark.browser


def test_officer_runs_a_training_at_the_hub_from_creation_to_the_calendar(page, officer):
    for name, email in [("Lim Mei Ling", "lim@mbpp.gov.my"), ("Tan Wei Jie", "tan@mbsp.gov.my")]:
        AffiliationFactory(person__full_name=name, person__email=email, person__consents=["invitations"])
    browser_login(page, "officer")
    page.wait_for_url("**/")

    page.goto("/events/new/")
    page.get_by_label("Title").fill("GRPB module 2: participatory budgeting")
    page.get_by_label("Kind").select_option("training")
    page.locator("#id_start").fill("2027-03-09T09:00")
    page.locator("#id_end").fill("2027-03-11T17:00")
    page.get_by_label("Held at the DBKL training hub").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="GRPB module 2: participatory budgeting").wait_for()
    event = Event.objects.get()
    assert event.at_training_hub

    page.get_by_role("link", name="Add participants").click()
    page.get_by_label("E-mail addresses").fill("lim@mbpp.gov.my; tan@mbsp.gov.my")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("2 participants added.").wait_for()

    page.get_by_role("link", name="Mark attendance").click()
    page.get_by_label("Lim Mei Ling").select_option("attended")
    page.get_by_label("Tan Wei Jie").select_option("no_show")
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_text("2 statuses changed.").wait_for()
    assert dict(event.participations.values_list("person__full_name", "status")) == {
        "Lim Mei Ling": "attended",
        "Tan Wei Jie": "no_show",
    }

    page.goto("/calendar/?month=2027-03")
    entries = page.get_by_role("link", name="GRPB module 2: participatory budgeting")
    assert entries.count() == 3  # one on each day of the training
    entries.first.click()
    page.wait_for_url(f"**/events/{event.pk}/")
    assert page.errors == []

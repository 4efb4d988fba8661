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
    # Held last March: attendance is recorded only for an event that has started.
    page.locator("#id_start").fill("2026-03-09T09:00")
    page.locator("#id_end").fill("2026-03-11T17:00")
    page.get_by_label("Held at the DBKL training hub").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="GRPB module 2: participatory budgeting").wait_for()
    event = Event.objects.get()
    assert event.at_training_hub

    page.get_by_role("link", name="Add participants").click()
    page.get_by_label("E-mail addresses").fill("lim@mbpp.gov.my; tan@mbsp.gov.my")
    page.get_by_label("Status").first.select_option("registered")
    # Someone who is not in Contacts yet is created on the same page, with the contacts form's checks.
    page.get_by_text("Someone not in Contacts yet? Create them here").click()
    page.locator("#id_new-full_name").fill("Dr. Siti Aminah")
    page.locator("#id_new-email").fill("siti@@mbsa")
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator("#id_new-email.is-invalid").wait_for()
    assert not event.participations.exists()  # nothing half-written
    page.locator("#id_new-email").fill("siti@mbsa.gov.my")
    page.locator("#id_new-gender").select_option("female")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_text("3 participants added. Dr. Siti Aminah created in Contacts.").wait_for()

    page.get_by_role("link", name="Mark attendance").click()
    page.get_by_label("Lim Mei Ling").select_option("attended")
    page.get_by_label("Tan Wei Jie").select_option("no_show")
    page.get_by_label("Dr. Siti Aminah").select_option("attended")
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_text("3 statuses changed.").wait_for()
    assert dict(event.participations.values_list("person__full_name", "status")) == {
        "Lim Mei Ling": "attended",
        "Tan Wei Jie": "no_show",
        "Siti Aminah": "attended",
    }
    # The event was planned: the page offers to set it to held, and does it when asked.
    page.get_by_role("button", name="Set the event to held").click()
    page.get_by_text("is now marked as held").wait_for()
    event.refresh_from_db()
    assert event.status == Event.Status.HELD

    page.goto("/calendar/?month=2026-03")
    entries = page.get_by_role("link", name="GRPB module 2: participatory budgeting")
    assert entries.count() == 3  # one on each day of the training
    entries.first.click()
    page.wait_for_url(f"**/events/{event.pk}/")
    assert page.errors == []

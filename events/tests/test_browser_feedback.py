"""The public feedback form in a real browser: no login, no JavaScript, in the attendee's language."""

import pytest

from contacts.tests.factories import PersonFactory
from events.feedback import feedback_requests_create
from events.models import FeedbackAnswer, FeedbackForm, FeedbackQuestion, Participation

from .factories import TrainingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def feedback_request(db):
    form = FeedbackForm.objects.create(name="Awareness and perception survey")
    FeedbackQuestion.objects.create(
        form=form, order=1, kind="rating", text_en="Your overall rating", text_ms="Penilaian keseluruhan anda"
    )
    FeedbackQuestion.objects.create(
        form=form,
        order=2,
        kind="apply",
        text_en="Would you apply what you learnt?",
        text_ms="Adakah anda akan menggunakan apa yang dipelajari?",
    )
    FeedbackQuestion.objects.create(
        form=form, order=3, kind="text", text_en="Any other comments", text_ms="Sebarang komen lain", required=False
    )
    training = TrainingFactory(title="Latihan GRPB", status="held")
    person = PersonFactory(full_name="Siti Aminah", preferred_language="Bahasa Melayu")
    Participation.objects.create(event=training, person=person, status="attended")
    [request] = feedback_requests_create(event=training).created
    return request


def test_an_attendee_answers_without_javascript_in_malay_once(browser, live_server, feedback_request):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(feedback_request.get_absolute_url())
    page.get_by_role("heading", name="Maklum balas tentang Latihan GRPB").wait_for()
    page.get_by_role("button", name="Hantar maklum balas saya").click()  # nothing chosen: errors, nothing saved
    page.get_by_text("Sesetengah jawapan tiada atau tidak sah").wait_for()
    assert not FeedbackAnswer.objects.exists()
    page.get_by_label("4").check()
    page.get_by_label("Ya").check()
    page.get_by_label("Sebarang komen lain").fill("Sangat berguna.")
    page.get_by_role("button", name="Hantar maklum balas saya").click()
    page.locator("#feedback-done").wait_for()
    answers = {a.question.kind: a for a in FeedbackAnswer.objects.select_related("question")}
    assert answers["rating"].rating == 4 and answers["apply"].would_apply is True
    assert answers["text"].text == "Sangat berguna."
    page.goto(feedback_request.get_absolute_url())  # the link again: already answered
    page.locator("#feedback-done").wait_for()
    context.close()

"""Feedback: asked for after the event, each e-mail once, a personal link answered once; results and figures."""

import re
import uuid
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacts.tests.factories import OrganisationFactory, PersonFactory
from events.feedback import feedback_requests_create, feedback_requests_send, feedback_results
from events.models import Event, FeedbackAnswer, FeedbackForm, FeedbackQuestion, FeedbackRequest, Participation
from events.tasks import send_feedback_requests
from liaison.reminders.tests.conftest import smtp  # noqa: F401 (the real SMTP server fixture)

from .factories import EventFactory, ProgrammeFactory, TrainingFactory, kl, started
from .test_invitations import CrashingBackend


@pytest.fixture
def fast(settings):
    settings.INVITATION_PAUSE = 0
    settings.INVITATIONS_PER_MINUTE = 10_000


@pytest.fixture
def survey(db):
    """A form for any kind of event: two ratings, "would you apply what you learnt?", an open question."""
    form = FeedbackForm.objects.create(
        name="Awareness and perception survey", intro_en="Five minutes.", intro_ms="Lima minit."
    )
    rows = [
        ("rating", "How aware are you now of the SDGs?", "Sejauh manakah kesedaran anda tentang SDG?", True),
        ("rating", "Your overall rating", "Penilaian keseluruhan anda", True),
        ("apply", "Would you apply what you learnt?", "Adakah anda akan menggunakan apa yang dipelajari?", True),
        ("text", "Any other comments", "Sebarang komen lain", False),
    ]
    for order, (kind, en, ms, required) in enumerate(rows):
        FeedbackQuestion.objects.create(form=form, order=order, kind=kind, text_en=en, text_ms=ms, required=required)
    return form


def questions(form):
    return {q.kind + str(q.order): q for q in form.questions.all()}


@pytest.fixture
def held(survey, programme):
    """A training held, with three attendees (one of them a woman registered in Malay) and a no-show."""
    training = TrainingFactory(programme=programme, status="held", start=kl(date(2027, 3, 9)))
    council = OrganisationFactory(kind="local_government")
    english = PersonFactory(full_name="Wong Li Na", honorific="Dr.", gender="female", email="wong@example.org")
    malay = PersonFactory(
        full_name="Ahmad Faizal", honorific="Encik", gender="male", preferred_language="Bahasa Melayu"
    )
    third = PersonFactory(full_name="Tan Wei Jie", gender="male")
    for person in (english, malay, third):
        Participation.objects.create(event=training, person=person, status="attended", organisation=council)
    Participation.objects.create(event=training, person=PersonFactory(), status="no_show")
    return training


def ask(event):
    return feedback_requests_create(event=event).created


def answer(client, request, **values):
    qs = questions(request.form)
    data = {
        f"q{qs['rating0'].pk}": values.get("aware", "4"),
        f"q{qs['rating1'].pk}": values.get("overall", "5"),
        f"q{qs['apply2'].pk}": values.get("apply", "yes"),
        f"q{qs['text3'].pk}": values.get("comment", ""),
    }
    return client.post(reverse("events:feedback", args=[request.token]), data)


# --- asking -----------------------------------------------------------------------------


def test_feedback_is_asked_for_only_once_the_event_is_over(officer_client, survey):
    coming = EventFactory(start=timezone.now() + timedelta(days=3), end=timezone.now() + timedelta(days=4))
    Participation.objects.create(event=coming, person=PersonFactory(), status="attended")
    response = officer_client.post(reverse("events:feedback_send", args=[coming.pk]), follow=True)
    assert "once the event is over" in response.content.decode()
    assert not FeedbackRequest.objects.exists()
    # Over by its end date, though nobody marked it held:
    coming.start, coming.end = timezone.now() - timedelta(days=2), timezone.now() - timedelta(days=1)
    coming.save()
    officer_client.post(reverse("events:feedback_send", args=[coming.pk]))
    assert FeedbackRequest.objects.filter(event=coming).count() == 1


def test_only_attendees_who_may_be_contacted_are_asked_once_and_the_others_are_named(officer_client, held, fast):
    refused = held.participations.get(person__full_name="Tan Wei Jie").person
    refused.do_not_contact = True
    refused.save()
    response = officer_client.post(reverse("events:feedback_send", args=[held.pk]), follow=True)
    body = response.content.decode()
    assert "Tan Wei Jie (asked not to be contacted)" in body
    asked = set(FeedbackRequest.objects.values_list("participation__person__full_name", flat=True))
    assert asked == {"Wong Li Na", "Ahmad Faizal"}  # the no-show is not asked
    again = officer_client.post(reverse("events:feedback_send", args=[held.pk]), follow=True)
    assert "2 attendees were asked before." in again.content.decode()
    assert FeedbackRequest.objects.count() == 2
    send_feedback_requests.apply(args=[held.pk])  # what the view queued once the click committed
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        r.participation.person.email for r in FeedbackRequest.objects.select_related("participation__person")
    )


def test_supervisors_cannot_ask_for_feedback(supervisor_client, held):
    assert supervisor_client.post(reverse("events:feedback_send", args=[held.pk])).status_code == 403
    assert not FeedbackRequest.objects.exists()


def test_without_an_active_form_the_officer_is_told(officer_client, held):
    FeedbackForm.objects.update(active=False)
    response = officer_client.post(reverse("events:feedback_send", args=[held.pk]), follow=True)
    assert "No active feedback form" in response.content.decode()
    assert not FeedbackRequest.objects.exists()


def test_the_form_of_the_events_kind_comes_before_the_general_one(held, survey):
    training_form = FeedbackForm.objects.create(name="Training evaluation", event_kind="training")
    assert {r.form for r in ask(held)} == {training_form}


def test_each_attendee_gets_the_request_in_their_language_with_a_personal_link(held, fast, mailoutbox):
    ask(held)
    assert feedback_requests_send(event_id=held.pk) == 3
    by_name = {r.participation.person.full_name: r for r in FeedbackRequest.objects.select_related("participation")}
    messages = {m.to[0]: m for m in mailoutbox}
    english = messages["wong@example.org"]
    assert english.subject == f"Your feedback on {held.title}"
    assert english.body.startswith("Dear Dr. Wong Li Na,")
    assert by_name["Wong Li Na"].get_absolute_url() in english.body
    malay = messages[by_name["Ahmad Faizal"].participation.person.email]
    assert malay.subject == f"Maklum balas anda tentang {held.title}"
    assert by_name["Ahmad Faizal"].token in malay.body
    assert by_name["Ahmad Faizal"].token not in english.body


def test_each_request_goes_once_even_when_the_sender_crashes_and_the_task_is_retried(
    held,
    fast,
    smtp,  # noqa: F811
    settings,
):
    people = [PersonFactory(email=f"a{n}@example.org") for n in range(20)]
    Participation.objects.bulk_create(Participation(event=held, person=p, status="attended") for p in people)
    ask(held)
    settings.EMAIL_BACKEND = f"{CrashingBackend.__module__}.CrashingBackend"
    CrashingBackend.limit, CrashingBackend.sent = 9, 0
    with pytest.raises(SystemExit):
        feedback_requests_send(event_id=held.pk)
    assert len(smtp.received) == 9
    FeedbackRequest.objects.filter(state="sending").update(lease_until="2000-01-01T00:00Z")  # its lease runs out
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    send_feedback_requests.apply(args=[held.pk])  # the task retried
    send_feedback_requests.apply(args=[held.pk])  # and run once more
    addresses = [message.to for message in smtp.received]
    assert len(addresses) == len(set(addresses)) == 23
    assert FeedbackRequest.objects.filter(state="sent").count() == 23


# --- the public form --------------------------------------------------------------------


def test_the_form_opens_without_login_in_the_attendees_language_and_without_javascript(client, held):
    requests = {r.participation.person.full_name: r for r in ask(held)}
    english = client.get(requests["Wong Li Na"].get_absolute_url())
    body = english.content.decode()
    assert english.status_code == 200
    assert "How aware are you now of the SDGs?" in body and "Five minutes." in body
    assert body.count('type="radio"') == 5 + 5 + 2  # two ratings of 1 to 5 and yes/no: no script needed
    assert 'name="csrfmiddlewaretoken"' in body
    malay = client.get(requests["Ahmad Faizal"].get_absolute_url()).content.decode()
    assert "Sejauh manakah kesedaran anda tentang SDG?" in malay and "Lima minit." in malay


def test_an_answer_is_recorded_once(client, held):
    request = ask(held)[0]
    response = answer(client, request, aware="3", overall="4", apply="no", comment="More exercises, please.")
    assert response.status_code == 302 and response["Location"] == request.get_absolute_url()
    assert "Thank you for your feedback" in client.get(response["Location"]).content.decode()
    saved = {a.question.kind + str(a.question.order): a for a in FeedbackAnswer.objects.select_related("question")}
    assert (saved["rating0"].rating, saved["rating1"].rating) == (3, 4)
    assert saved["apply2"].would_apply is False and saved["text3"].text == "More exercises, please."
    again = answer(client, request, aware="1", overall="1", apply="yes")
    assert again.status_code == 409
    assert FeedbackAnswer.objects.count() == 4 and FeedbackAnswer.objects.filter(rating=1).count() == 0


def test_a_changed_or_made_up_token_is_refused(client, held):
    request = ask(held)[0]
    changed = request.token[:-1] + ("A" if request.token[-1] != "A" else "B")
    assert client.get(reverse("events:feedback", args=[changed])).status_code == 404
    assert answer(client, FeedbackRequest(token=changed, form=request.form)).status_code == 404
    assert client.get(reverse("events:feedback", args=["x" * 200])).status_code == 404
    assert not FeedbackAnswer.objects.exists()


def test_bad_or_missing_answers_are_form_errors_and_nothing_is_written(client, held):
    request = ask(held)[0]
    response = answer(client, request, aware="6", apply="")
    body = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in body and "This field is required" in body
    assert not FeedbackAnswer.objects.exists()
    request.refresh_from_db()
    assert request.answered_at is None


def test_the_form_is_rate_limited_per_address_and_needs_csrf(held, settings):
    request = ask(held)[0]
    strict = Client(enforce_csrf_checks=True)
    assert answer(strict, request).status_code == 403
    assert not FeedbackAnswer.objects.exists()

    settings.RATELIMIT_ENABLE = True
    settings.CACHES = {
        **settings.CACHES,
        "ratelimits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex},
    }
    settings.RATELIMIT_USE_CACHE = "ratelimits"
    settings.RATELIMITS = {**settings.RATELIMITS, "feedback": "3/h"}
    client = Client()
    statuses = [answer(client, request, aware="9").status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


# --- results and figures ----------------------------------------------------------------


def test_results_equal_the_submitted_answers_and_the_programme_page_moves_with_them(
    client, officer_client, held, programme
):
    url = reverse("events:programme_detail", args=[programme.pk])

    def figures():
        body = officer_client.get(url).content.decode()

        def text(element_id):
            found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(dd|div)>', body, re.S)
            return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())

        return {
            key: text(element_id)
            for key, element_id in [
                ("registered", "progress-registered"),
                ("trained", "progress-trained"),
                ("average", "feedback-average"),
                ("apply", "feedback-apply"),
                ("answered", "feedback-answered"),
            ]
        }

    before = figures()
    assert before["registered"].startswith("People registered 4 / 60")  # the no-show had registered
    assert before["trained"].startswith("People trained 3 / 60")
    assert (before["average"], before["apply"], before["answered"]) == ("—", "—", "0")

    requests = {r.participation.person.full_name: r for r in ask(held)}
    answer(client, requests["Wong Li Na"], aware="4", overall="5", apply="yes", comment="Useful.")
    answer(client, requests["Ahmad Faizal"], aware="2", overall="3", apply="no", comment="Too short.")
    results = feedback_results(held)
    by_question = {row["question"].text_en: row for row in results["questions"]}
    assert results["asked"] == 3 and results["answered"] == 2
    aware = by_question["How aware are you now of the SDGs?"]
    assert aware["average"] == 3 and aware["answers"] == 2
    assert aware["ratings"] == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 0)]
    assert by_question["Your overall rating"]["average"] == 4
    applied = by_question["Would you apply what you learnt?"]
    assert (applied["yes"], applied["no"]) == (1, 1)
    assert by_question["Any other comments"]["texts"] == ["Useful.", "Too short."]

    event_page = officer_client.get(held.get_absolute_url()).content.decode()
    assert "Too short." in event_page and ">3.00<" in event_page and ">4.00<" in event_page

    after_answers = figures()
    assert after_answers["average"] == "3.50 / 5"  # (4 + 5 + 2 + 3) / 4
    assert after_answers["apply"] == "50%" and after_answers["answered"] == "2"

    # A new registrant who then attends moves registered and trained together.
    newcomer = Participation.objects.create(event=held, person=PersonFactory(gender="female"), status="registered")
    assert figures()["registered"].startswith("People registered 5 / 60")
    newcomer.status = "attended"
    newcomer.save()
    assert figures()["trained"].startswith("People trained 4 / 60")


def test_attendance_recorded_on_the_attendance_page_moves_the_programme_figures(officer_client, held, programme):
    Event.objects.filter(pk=held.pk).update(start=started(), end=started(-6))  # attendance once it has started
    waiting = Participation.objects.create(event=held, person=PersonFactory(gender="female"), status="registered")
    before = programme.progress()
    data = {f"status-{p.pk}": p.status for p in held.participations.all()}
    data[f"status-{waiting.pk}"] = "attended"
    assert officer_client.post(reverse("events:attendance", args=[held.pk]), data).status_code == 302
    after = programme.progress()
    assert (before["registered"], after["registered"]) == (5, 5)
    assert (before["people_trained"], after["people_trained"]) == (3, 4)
    assert (before["women_share"], after["women_share"]) == (33, 50)


def test_programme_targets_include_the_share_of_women(officer_client, programme, held):
    programme.target_women_share = 50
    programme.save()
    progress = programme.progress()
    assert progress["women_share"] == 33 and progress["women_progress"] == 66
    body = officer_client.get(programme.get_absolute_url()).content.decode()
    assert "Share of women trained (%)" in body and "66%" in body
    response = officer_client.post(
        reverse("events:programme_update", args=[programme.pk]),
        {
            "title": programme.title,
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "target_women_share": "150",
        },
    )
    assert response.status_code == 200 and "less than or equal to 100" in response.content.decode()


def test_the_event_page_query_count_does_not_grow_with_answers(officer_client, client, held):
    requests = ask(held)
    answer(client, requests[0])
    with CaptureQueriesContext(connection) as one:
        officer_client.get(held.get_absolute_url())
    for request in requests[1:]:
        answer(client, request, comment="More.")
    with CaptureQueriesContext(connection) as three:
        officer_client.get(held.get_absolute_url())
    assert len(three) == len(one)


def test_the_dashboard_shows_the_average_rating_per_programme_and_follows_the_filters(
    supervisor_client, client, held, programme
):
    from liaison.reference.models import State, Theme

    requests = {r.participation.person.full_name: r for r in ask(held)}
    answer(client, requests["Wong Li Na"], aware="4", overall="5", apply="yes")
    answer(client, requests["Ahmad Faizal"], aware="2", overall="3", apply="no")
    other = TrainingFactory(programme=ProgrammeFactory(title="Climate leadership"), status="held")
    elsewhere = OrganisationFactory(
        kind="local_government",
        state=State.objects.get_or_create(
            iso_code="MY-07", defaults={"name": "Penang", "name_ms": "Pulau Pinang", "kind": "state"}
        )[0],
    )
    Participation.objects.create(event=other, person=PersonFactory(), status="attended", organisation=elsewhere)
    [request] = ask(other)
    answer(client, request, aware="1", overall="1", apply="no")

    def table(query=""):
        period = "?period=custom&start=2027-01-01&end=2027-12-31"
        board = supervisor_client.get(reverse("dashboard:dashboard") + period + query).context["board"]
        found = next(t for t in board.tables if t.key == "feedback_by_programme")
        return {row.label: row.values for row in found.rows}

    assert table() == {programme.title: [3.5, 50, 2], "Climate leadership": [1, 0, 1]}
    assert table(f"&state={elsewhere.state_id}") == {"Climate leadership": [1, 0, 1]}
    assert table(f"&programme={programme.pk}") == {programme.title: [3.5, 50, 2]}
    gender = Theme.objects.get_or_create(code="gender", defaults={"name": "Gender"})[0]
    held.themes.add(gender)
    assert table(f"&theme={gender.pk}") == {programme.title: [3.5, 50, 2]}


def test_administrators_keep_the_forms_with_their_questions_in_both_languages(administrator_client, survey):
    response = administrator_client.get(reverse("admin:events_feedbackform_change", args=[survey.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "questions-TOTAL_FORMS" in body and "Sejauh manakah kesedaran anda tentang SDG?" in body


def test_the_demo_seeds_the_awareness_and_perception_survey(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=StringIO())
    call_command("seed_demo", force=True, stdout=StringIO())
    form = FeedbackForm.objects.get(name="Awareness and perception survey")
    texts = " ".join(form.questions.values_list("text_en", flat=True))
    assert "Sustainable Development Goals" in texts and "New Urban Agenda" in texts and "Sendai" in texts
    assert form.questions.filter(kind="apply").count() == 1
    assert all(q.text_ms for q in form.questions.all())
    assert FeedbackRequest.objects.answered().count() == 6
    progress = FeedbackRequest.objects.first().event.programme.progress()
    assert progress["feedback_answered"] == 6 and progress["feedback_apply_share"] == 83


def test_the_periodic_catch_up_sends_what_a_lost_task_would_have_sent_once(held, fast, mailoutbox):
    from django_celery_beat.models import PeriodicTask

    from events.tasks import send_pending_emails

    assert PeriodicTask.objects.get(task="events.tasks.send_pending_emails").interval.every == 5
    ask(held)  # the view's task never reached the broker
    send_pending_emails.apply()
    send_pending_emails.apply()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        r.participation.person.email for r in FeedbackRequest.objects.select_related("participation__person")
    )
    assert FeedbackRequest.objects.filter(state="sent").count() == 3

"""Feedback after an event: one request per attendee, e-mailed with a personal link; answers once; results.

The requests are claim rows as invitations are (events/invitations.py): feedback_requests_create
makes at most one per participation (a OneToOne), feedback_requests_send claims each before
sending it, so a retried or doubled task e-mails each attendee once. The link's token is the
credential of the public form (events/public.py); a request is answered once, under a row lock.
"""

from dataclasses import dataclass, field

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from contacts.models import Person
from liaison.reminders.outbox import message_id

from .invitations import person_language, send_claimed
from .models import Event, FeedbackAnswer, FeedbackForm, FeedbackQuestion, FeedbackRequest, Participation
from .registration import absolute


class FeedbackError(Exception):
    """Why feedback cannot be asked for (yet), in the reader's language."""


@dataclass
class FeedbackResult:
    created: list = field(default_factory=list)
    already: int = 0
    left_out: list = field(default_factory=list)  # (person, why)


def event_is_over(event: Event, now=None) -> bool:
    return event.status == Event.Status.HELD or event.end < (now or timezone.now())


def form_for(event: Event) -> FeedbackForm | None:
    """The active form kept for the event's kind, or else the active form for any kind."""
    candidates = FeedbackForm.objects.filter(active=True, event_kind__in=[event.kind, ""])
    forms = {form.event_kind: form for form in candidates}
    return forms.get(event.kind) or forms.get("")


def participation_language(participation: Participation) -> str:
    """The language the attendee registered in, or else the one their contact record prefers."""
    registration = getattr(participation, "registration", None)
    if registration is not None and registration.language in ("en", "ms"):
        return registration.language
    return person_language(participation.person)


@transaction.atomic
def feedback_requests_create(*, event: Event) -> FeedbackResult:
    """One scheduled request per attendee who may be contacted and has an address; the others left out, with why."""
    if event.status == Event.Status.CANCELLED or not event_is_over(event):
        raise FeedbackError(translation.gettext("Feedback is asked for once the event is over."))
    form = form_for(event)
    if form is None:
        raise FeedbackError(translation.gettext("No active feedback form: an administrator adds one first."))
    result = FeedbackResult()
    attended = list(
        event.participations.attended().select_related("person").prefetch_related("registration").order_by("pk")
    )
    asked = set(FeedbackRequest.objects.filter(event=event).values_list("participation_id", flat=True))
    allowed = set(
        Person.objects.contactable().filter(pk__in=[p.person_id for p in attended]).values_list("pk", flat=True)
    )
    rows = []
    for participation in attended:
        person = participation.person
        if participation.pk in asked:
            result.already += 1
        elif person.pk not in allowed:
            result.left_out.append((person, person.contact_refusal()))
        elif not person.email:
            result.left_out.append((person, translation.gettext("no e-mail address")))
        else:
            rows.append(
                FeedbackRequest(
                    event=event,
                    participation=participation,
                    form=form,
                    language=participation_language(participation),
                    message_id=message_id("feedback"),
                )
            )
    # A second click at the same moment conflicts on the participation: its rows are left out, not doubled.
    FeedbackRequest.objects.bulk_create(rows, ignore_conflicts=True)
    result.created = list(FeedbackRequest.objects.filter(token__in=[row.token for row in rows]).order_by("pk"))
    return result


def feedback_message(request: FeedbackRequest) -> EmailMultiAlternatives:
    person, event = request.participation.person, request.event
    with translation.override(request.language):
        context = {
            "name": " ".join(part for part in (person.honorific, person.full_name) if part),
            "event": event,
            "link": absolute(request.get_absolute_url()),
        }
        subject = " ".join(render_to_string("events/email/feedback_subject.txt", context).split())
        body = render_to_string("events/email/feedback.txt", context)
    message = EmailMultiAlternatives(subject, body, to=[person.email])
    message.extra_headers["Message-ID"] = request.message_id
    return message


def feedback_requests_send(*, event_id: int, limit: int | None = None, pause: float | None = None) -> int:
    """Send the event's claimable feedback requests (as invitations_send); returns how many went."""
    queryset = FeedbackRequest.objects.filter(event_id=event_id).select_related("participation__person", "event")
    return send_claimed(queryset, feedback_message, limit=limit, pause=pause)


def feedback_pending(event_id: int) -> bool:
    return FeedbackRequest.objects.claimable(timezone.now()).filter(event_id=event_id).exists()


def request_for_token(token: str) -> FeedbackRequest | None:
    """The request whose personal link carries this token; a changed or made-up token finds none."""
    if not token or len(token) > 40:
        return None
    return FeedbackRequest.objects.select_related("event", "form", "participation__person").filter(token=token).first()


def feedback_submit(*, request: FeedbackRequest, answers: dict) -> bool:
    """Record the answers {question: value} once; False (and nothing written) when the request was answered before."""
    with transaction.atomic():
        locked = FeedbackRequest.objects.select_for_update().get(pk=request.pk)
        if locked.answered_at is not None:
            return False
        rows = []
        for question, value in answers.items():
            if value in (None, ""):
                continue
            row = FeedbackAnswer(request=locked, question=question)
            if question.kind == FeedbackQuestion.Kind.RATING:
                row.rating = int(value)
            elif question.kind == FeedbackQuestion.Kind.APPLY:
                row.would_apply = value == "yes"
            else:
                row.text = value
            rows.append(row)
        FeedbackAnswer.objects.bulk_create(rows)
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answered_at", "updated_at"])
    request.answered_at = locked.answered_at
    return True


# --- results --------------------------------------------------------------------------------


def feedback_results(event: Event) -> dict:
    """Per question of the event's answers: average rating and counts, yes and no, the open answers (3 queries)."""
    answers = FeedbackAnswer.objects.filter(request__event=event)
    per_question = (
        answers.order_by()
        .values("question")
        .annotate(
            answers=Count("pk", filter=Q(rating__isnull=False) | Q(would_apply__isnull=False) | ~Q(text="")),
            average=Avg("rating"),
            yes=Count("pk", filter=Q(would_apply=True)),
            no=Count("pk", filter=Q(would_apply=False)),
            **{f"rated_{n}": Count("pk", filter=Q(rating=n)) for n in range(1, 6)},
        )
    )
    figures = {row["question"]: row for row in per_question}
    questions = list(FeedbackQuestion.objects.filter(pk__in=figures).order_by("form", "order", "pk"))
    texts = {}
    for question_id, text in answers.exclude(text="").order_by("pk").values_list("question", "text"):
        texts.setdefault(question_id, []).append(text)
    rows = []
    for question in questions:
        row = figures[question.pk]
        rows.append(
            {
                "question": question,
                "answers": row["answers"],
                "average": round(row["average"], 2) if row["average"] is not None else None,
                "ratings": [(n, row[f"rated_{n}"]) for n in range(1, 6)],
                "yes": row["yes"],
                "no": row["no"],
                "texts": texts.get(question.pk, []),
            }
        )
    requests = FeedbackRequest.objects.filter(event=event).aggregate(
        asked=Count("pk"),
        sent=Count("pk", filter=Q(state=FeedbackRequest.State.SENT)),
        failed=Count("pk", filter=Q(state=FeedbackRequest.State.FAILED)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
    )
    return {"questions": rows, **requests}


def feedback_figures(answers=None) -> dict:
    """{"average": mean rating or None, "answered": requests answered, "apply_share": percent or None} in one query."""
    answers = answers if answers is not None else FeedbackAnswer.objects.all()
    figures = answers.aggregate(
        average=Avg("rating"),
        answered=Count("request", distinct=True),
        apply_yes=Count("pk", filter=Q(would_apply=True)),
        apply_all=Count("pk", filter=Q(would_apply__isnull=False)),
    )
    return {
        "average": round(figures["average"], 2) if figures["average"] is not None else None,
        "answered": figures["answered"],
        "apply_share": round(100 * figures["apply_yes"] / figures["apply_all"]) if figures["apply_all"] else None,
    }


def feedback_by_programme(answers) -> list[dict]:
    """[{"programme": id or None, "title", "average", "apply_share", "answered"}], by programme title."""
    rows = (
        answers.order_by()
        .values("request__event__programme", "request__event__programme__title")
        .annotate(
            average=Avg("rating"),
            answered=Count("request", distinct=True),
            apply_yes=Count("pk", filter=Q(would_apply=True)),
            apply_all=Count("pk", filter=Q(would_apply__isnull=False)),
        )
        .order_by("request__event__programme__title")
    )
    return [
        {
            "programme": row["request__event__programme"],
            "title": row["request__event__programme__title"] or "",
            "average": round(row["average"], 2) if row["average"] is not None else None,
            "apply_share": round(100 * row["apply_yes"] / row["apply_all"]) if row["apply_all"] else None,
            "answered": row["answered"],
        }
        for row in rows
    ]

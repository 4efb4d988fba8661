"""The only pages reachable without logging in: an event's registration page, its thank-you page and cancellation.

Each answers the same whoever registered (no enumeration), is rate-limited per client address,
carries CSRF and a honeypot, and works without JavaScript.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from liaison.privacy.models import Purpose
from liaison.web.views import limit

from .certificates import certificate_by_code
from .feedback import feedback_submit, request_for_token
from .forms import PublicFeedbackForm, PublicRegistrationForm
from .models import RegistrationPage
from .registration import (
    invitation_for_token,
    registration_cancel,
    registration_from_cancel_token,
    registration_submit,
)


def _page(code) -> RegistrationPage:
    return get_object_or_404(RegistrationPage.objects.select_related("event"), code=code)


@login_not_required
@require_http_methods(["GET", "POST"])
@limit("registration", key="ip")
def register(request, code):
    page = _page(code)
    context = {
        "page": page,
        "event": page.event,
        "purpose": Purpose.objects.filter(key=Purpose.EVENT_REGISTRATION).first(),
    }
    if not page.accepts_registrations():
        return render(request, "events/public/closed.html", context, status=200 if request.method == "GET" else 403)
    invitation = invitation_for_token(page, request.GET.get("invitation", "") or request.POST.get("invitation", ""))
    initial = {}
    if invitation is not None:
        person = invitation.person
        initial = {"full_name": person.full_name, "email": person.email, "gender": person.gender}
        post = person.main_affiliation
        if post is not None:
            initial.update(organisation_name=str(post.organisation), position=post.position)
    form = PublicRegistrationForm(request.POST or None, page=page, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not form.is_robot:
            registration_submit(
                page=page,
                data=form.cleaned_data,
                language=(translation.get_language() or "en")[:2],
                invitation=invitation,
            )
        return redirect("events:registration_thanks", code=page.code)
    return render(request, "events/public/register.html", {**context, "form": form, "invitation": invitation})


@login_not_required
def registration_thanks(request, code):
    page = _page(code)
    return render(request, "events/public/thanks.html", {"page": page, "event": page.event})


@login_not_required
@require_http_methods(["GET", "POST"])
@limit("registration", key="ip")
def registration_cancel_view(request, token):
    registration = registration_from_cancel_token(token)
    if registration is None:
        raise Http404
    context = {"registration": registration, "event": registration.event}
    if registration.cancelled_at is not None:
        return render(request, "events/public/cancelled.html", context)
    if request.method == "POST":
        registration_cancel(registration=registration)
        return render(request, "events/public/cancelled.html", context)
    return render(request, "events/public/cancel.html", context)


@login_not_required
@limit("registration", key="ip", method=("GET",))
def certificate_verify(request):
    """Anyone holding a certificate's code may check it; a code that was changed matches none."""
    code = request.GET.get("code", "")[:40]
    certificate = certificate_by_code(code)
    return render(
        request,
        "events/public/certificate_verify.html",
        {"code": code, "certificate": certificate},
        status=404 if code and certificate is None else 200,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
@limit("feedback", key="ip")
def feedback(request, token):
    """An attendee's feedback form, opened by the personal link of their e-mail; answered once.

    A changed or made-up token is not found. The page is in the attendee's language.
    """
    feedback_request = request_for_token(token)
    if feedback_request is None:
        raise Http404
    with translation.override(feedback_request.language):
        event = feedback_request.event
        context = {"feedback_request": feedback_request, "event": event, "form_intro": feedback_request.form.intro}
        if feedback_request.answered_at is not None:
            status = 409 if request.method == "POST" else 200
            return render(request, "events/public/feedback_done.html", context, status=status)
        questions = list(feedback_request.form.questions.all())
        form = PublicFeedbackForm(request.POST or None, questions=questions)
        if request.method == "POST" and form.is_valid():
            if not feedback_submit(request=feedback_request, answers=form.answers()):
                return render(request, "events/public/feedback_done.html", context, status=409)
            return redirect("events:feedback", token=feedback_request.token)
        status = 400 if request.method == "POST" else 200
        return render(request, "events/public/feedback.html", {**context, "form": form}, status=status)

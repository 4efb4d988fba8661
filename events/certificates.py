"""Attendance certificates (PDF, English and Malay) and the check of their verification code."""

from django.urls import reverse

from liaison.web.pdf import render_pdf

from .models import Certificate, Participation
from .registration import absolute


def certificate_for(participation: Participation) -> Certificate:
    """The participation's certificate, issued on first request; only an attendance has one."""
    if participation.status != Participation.Status.ATTENDED:
        raise ValueError("only an attendance has a certificate")
    return Certificate.objects.get_or_create(participation=participation)[0]


def certificate_pdf(certificate: Certificate) -> bytes:
    participation = certificate.participation
    event = participation.event
    hours = round((event.end - event.start).total_seconds() / 3600, 1)
    context = {
        "certificate": certificate,
        "person": participation.person,
        "event": event,
        "hours": hours,
        "verify_url": absolute(reverse("events:certificate_verify")) + f"?code={certificate.code}",
    }
    return render_pdf("events/certificate.html", context)


def certificate_by_code(code: str) -> Certificate | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    return (
        Certificate.objects.select_related("participation__person", "participation__event")
        .filter(code=code, participation__status=Participation.Status.ATTENDED)
        .first()
    )

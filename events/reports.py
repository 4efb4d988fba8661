"""The back-to-office report of a mission as a Word document (its template replaceable in the admin) and a PDF."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liaison.reports.documents import render_docx
from liaison.reports.models import ReportTemplate

from .models import MissionReport


def facts(report: MissionReport) -> list:
    mission = report.mission
    traveller = mission.traveller.get_full_name() or mission.traveller.get_username()
    place = ", ".join(part for part in (mission.destination, mission.country.name if mission.country else "") if part)
    return [
        (_("Traveller"), traveller),
        (_("Destination"), place),
        (_("Dates"), f"{date_format(mission.start_date, 'j F Y')} to {date_format(mission.end_date, 'j F Y')}"),
        (_("Events"), "; ".join(str(event) for event in mission.events.all()) or "—"),
    ]


def follow_ups(report: MissionReport) -> list:
    """(person, date, what to do) of each follow-up it created."""
    rows = []
    for interaction in report.interactions.prefetch_related("people").order_by("follow_up_date", "pk"):
        people = ", ".join(str(person) for person in interaction.people.all())
        rows.append((people, date_format(interaction.follow_up_date, "j F Y"), interaction.subject))
    return rows


def heading(report: MissionReport) -> dict:
    by = report.submitted_by
    return {
        "title": _("Back-to-office report: mission to %(destination)s") % {"destination": report.mission.destination},
        "subtitle": _("Submitted on %(date)s by %(user)s")
        % {
            "date": date_format(timezone.localtime(report.updated_at), "j F Y"),
            "user": (by.get_full_name() or by.get_username()) if by else "—",
        },
        "follow_up_headings": [_("Person"), _("Date"), _("What to do")],
    }


def text_sections(report: MissionReport) -> list:
    return [(_("Purpose"), report.purpose), (_("Meetings"), report.meetings), (_("Outcomes"), report.outcomes)]


def docx(report: MissionReport) -> bytes:
    top = heading(report)

    def context(build):
        sections = [{"title": title, "text": build.text(text), "table": ""} for title, text in text_sections(report)]
        sections.append(
            {
                "title": _("Follow-ups"),
                "text": "",
                "table": build.table(top["follow_up_headings"], follow_ups(report)),
            }
        )
        return {
            **top,
            "facts": build.table(["", ""], facts(report)),
            "sections": sections,
            "generated": _("Made by Liaison on %(date)s.") % {"date": date_format(timezone.localdate(), "j F Y")},
        }

    return render_docx(ReportTemplate.Kind.BACK_TO_OFFICE, context)


def pdf_context(report: MissionReport) -> dict:
    return {
        **heading(report),
        "facts": facts(report),
        "sections": text_sections(report),
        "follow_ups": follow_ups(report),
    }


def filename(report: MissionReport) -> str:
    return f"back-to-office-{report.mission.start_date:%Y%m%d}-{report.mission_id}"

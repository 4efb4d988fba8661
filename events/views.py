from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from contacts.forms import PersonQuickForm
from contacts.models import Consent, Person
from contacts.services import person_create
from contacts.timeline import log_interaction
from contacts.views import PersonList
from liaison.calendar.ical import build_calendar, ics_response
from liaison.celery import enqueue_on_commit
from liaison.privacy.models import Purpose
from liaison.reports.documents import docx_response
from liaison.web.access import permission_required
from liaison.web.autocomplete import autocomplete_view
from liaison.web.exports import EXPORT_FORMATS, export_response, unknown_export_format
from liaison.web.lists import CappedPaginator, RecordListView
from liaison.web.middleware import PERMISSIONS_POLICY
from liaison.web.pdf import pdf_response
from liaison.web.records import RecordCreateView, RecordDeleteView, RecordDetailView, RecordUpdateView

from . import reports
from .calendar import event_entry
from .certificates import certificate_for, certificate_pdf
from .checkin import check_in
from .feedback import FeedbackError, event_is_over, feedback_requests_create, feedback_results, form_for
from .filters import EventFilter, MissionFilter, ProgrammeFilter, TrainedPeopleFilter
from .forms import (
    AttendanceForm,
    CheckInForm,
    EventForm,
    InvitationForm,
    MissionForm,
    MissionReportForm,
    ParticipantsAddForm,
    ProgrammeForm,
    RegistrationPageForm,
)
from .invitations import invitations_create
from .models import Event, Mission, MissionReport, Participation, Programme, RegistrationPage
from .registration import absolute
from .selectors import (
    people_trained_by_country,
    people_trained_by_gender,
    people_trained_by_organisation_kind,
    people_trained_by_state,
    programmes_with_figures,
)
from .services import (
    AttendanceTooEarly,
    attendance_mark,
    may_be_marked_held,
    mission_report_submit,
    participations_add,
)
from .services import event_mark_held as event_mark_held_service
from .tasks import send_feedback_requests, send_invitations
from .timelines import EventTimeline

ICS_EXPORT_LIMIT = 5000
INVITATION_PURPOSE = Purpose.INVITATIONS


# --- events -----------------------------------------------------------------------------


class EventListView(RecordListView):
    model = Event
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    queryset = Event.objects.select_related("programme")
    export_columns = [
        (gettext_lazy("Title"), "title"),
        (gettext_lazy("Kind"), "kind"),
        (gettext_lazy("Level"), "level"),
        (gettext_lazy("Status"), "status"),
        (gettext_lazy("Start"), "start"),
        (gettext_lazy("End"), "end"),
        (gettext_lazy("Venue"), "venue"),
        (gettext_lazy("City"), "city"),
        (gettext_lazy("Country"), "country"),
        (gettext_lazy("At the DBKL training hub"), "at_training_hub"),
        (gettext_lazy("The office's role"), "office_role"),
        (gettext_lazy("Programme"), "programme"),
        (gettext_lazy("Report due"), "report_due"),
    ]

    def get_context_data(self, **kwargs):
        params = self.request.GET.copy()
        params.pop("page", None)
        params["export"] = "ics"
        extra = [(_("iCalendar (as filtered)"), f"?{params.urlencode()}")]
        return super().get_context_data(extra_exports=extra, **kwargs)

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("export") == "ics":
            entries = [event_entry(event) for event in self.object_list[:ICS_EXPORT_LIMIT]]
            return ics_response(build_calendar(entries, _("Events"), self.request.build_absolute_uri), "events")
        return super().render_to_response(context, **kwargs)


PARTICIPANTS_PER_PAGE = 50


class EventDetailView(RecordDetailView):
    model = Event
    queryset = Event.objects.select_related("programme", "owner").prefetch_related("organisers", "themes", "sdgs")

    def get_context_data(self, **kwargs):
        event = self.object
        # A page of participants at a time: an event of 500 would otherwise build thousands of links.
        participations = event.participations.select_related("person", "organisation").order_by(
            "person__full_name", "pk"
        )
        paginator = CappedPaginator(participations, PARTICIPANTS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        counts = dict(event.participations.order_by().values_list("status").annotate(n=Count("id")))
        return super().get_context_data(
            participations=page,
            page_obj=page,
            paginator=paginator,
            status_counts=[(label, counts.get(value, 0)) for value, label in Participation.Status.choices],
            **EventTimeline(event).context(self.request.user),
            missions=event.missions.select_related("traveller"),
            offer_held=self.request.user.has_perm("events.change_event") and may_be_marked_held(event),
            feedback=feedback_results(event),
            feedback_open=event.status != Event.Status.CANCELLED and event_is_over(event),
            **kwargs,
        )


class EventCreateView(RecordCreateView):
    model = Event
    form_class = EventForm
    list_url_name = "events:event_list"


class EventUpdateView(RecordUpdateView):
    model = Event
    form_class = EventForm
    list_url_name = "events:event_list"


class EventDeleteView(RecordDeleteView):
    model = Event
    success_url = reverse_lazy("events:event_list")


def event_label(event) -> str:
    """The event and its Malaysian start date, in the reader's language."""
    return f"{event.title} ({formats.date_format(event.local_start)})"


event_autocomplete = autocomplete_view(
    permission="events.view_event",
    search=lambda term, user: Event.objects.filter(title__icontains=term),
    label=event_label,
)


@permission_required("contacts.add_interaction", "events.view_event")
def event_log_interaction(request, pk):
    return log_interaction(request, EventTimeline(get_object_or_404(Event, pk=pk)))


@permission_required("events.view_event")
def event_ics(request, pk):
    event = get_object_or_404(Event, pk=pk)
    cal = build_calendar([event_entry(event)], event.title, request.build_absolute_uri)
    return ics_response(cal, f"event-{event.pk}")


# --- participants -----------------------------------------------------------------------


@permission_required("events.add_participation")
def participants_add(request, pk):
    """People picked, pasted as addresses, or created here with the contacts form: all added in one transaction."""
    event = get_object_or_404(Event, pk=pk)
    data = request.POST or None
    new_form = PersonQuickForm(data, prefix="new")
    adding_new = request.method == "POST" and new_form.has_changed()
    if adding_new and not request.user.has_perm("contacts.add_person"):
        raise PermissionDenied
    form = ParticipantsAddForm(data, new_person=adding_new)
    valid = form.is_valid() & (new_form.is_valid() if adding_new else True)
    if request.method == "POST" and valid:
        try:
            with transaction.atomic():
                people = list(form.cleaned_data["all_people"])
                if adding_new:
                    new_person = person_create(form=new_form, user=request.user)
                left_out = []
                if form.cleaned_data["status"] == Participation.Status.INVITED:
                    # Inviting is contacting: only people who consented to invitations and did not opt out.
                    people, left_out = people_split_by_consent(people, INVITATION_PURPOSE)
                if adding_new:
                    people.append(new_person)
                created = participations_add(
                    event=event,
                    people=people,
                    role=form.cleaned_data["role"],
                    status=form.cleaned_data["status"],
                    user=request.user,
                )
        except AttendanceTooEarly as error:
            form.add_error("status", error)
        else:
            message = ngettext("%(n)d participant added.", "%(n)d participants added.", len(created)) % {
                "n": len(created)
            }
            if adding_new:
                message += " " + _("%(person)s created in Contacts.") % {"person": new_person}
            if len(people) > len(created):
                message += " " + _("%(n)d already on the list, left as they were.") % {"n": len(people) - len(created)}
            messages.success(request, message)
            if left_out:
                reasons = "; ".join(f"{person} ({person.contact_refusal(INVITATION_PURPOSE)})" for person in left_out)
                messages.warning(request, _("Not invited: %(people)s.") % {"people": reasons})
            return redirect(event)
    return render(
        request,
        "events/participants_add.html",
        {"event": event, "form": form, "new_form": new_form, "new_open": adding_new},
    )


@permission_required("events.change_participation")
def attendance(request, pk):
    """Every participant's status on one page, saved by one POST."""
    event = get_object_or_404(Event, pk=pk)
    participations = list(event.participations.select_related("person", "organisation"))
    data = request.POST or None
    everyone = request.POST.get("everyone")
    if everyone in Participation.Status.values:  # the "mark everyone as attended" button
        data = {f"status-{p.pk}": everyone for p in participations}
    form = AttendanceForm(data, participations=participations)
    if request.method == "POST" and form.is_valid():
        try:
            changed = attendance_mark(event=event, statuses=form.statuses(), user=request.user)
        except AttendanceTooEarly as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, ngettext("%(n)d status changed.", "%(n)d statuses changed.", changed) % {"n": changed}
            )
            return redirect(event)
    return render(
        request,
        "events/attendance.html",
        {
            "event": event,
            "form": form,
            "statuses": Participation.Status.choices,
            "not_started": event.start > timezone.now(),
        },
    )


@require_POST
@permission_required("events.change_event")
def event_mark_held(request, pk):
    """The "set the event to held" offered once attendance is recorded for a planned or confirmed event."""
    event = get_object_or_404(Event, pk=pk)
    if event_mark_held_service(event=event):
        messages.success(request, _("%(event)s is now marked as held.") % {"event": event.title})
    else:
        messages.error(request, _("Only a planned or confirmed event that has started can be marked as held."))
    return redirect(event)


@require_POST
@permission_required("events.delete_participation")
def participation_remove(request, pk):
    """Takes a person off an event's list (kept in the history); attendance statuses say who did not come."""
    participation = get_object_or_404(Participation.objects.select_related("event", "person"), pk=pk)
    participation.delete()
    messages.success(request, _("%(person)s removed from the list.") % {"person": participation.person})
    return redirect(participation.event)


def people_split_by_consent(people, purpose: str):
    """(those who may be contacted for `purpose`, those who may not), in one query."""
    allowed = set(
        Person.objects.filter(pk__in=[p.pk for p in people]).contactable(purpose).values_list("pk", flat=True)
    )
    return [p for p in people if p.pk in allowed], [p for p in people if p.pk not in allowed]


def invitation_refusal(participation) -> str:
    return participation.person.contact_refusal(INVITATION_PURPOSE)


PARTICIPANT_COLUMNS = [
    (gettext_lazy("Name"), "person.display_name"),
    (gettext_lazy("Gender"), "person.gender"),
    # People who asked not to be contacted are listed without their address; each row says who may be invited.
    (gettext_lazy("E-mail"), lambda p: "" if p.person.do_not_contact else p.person.email),
    (gettext_lazy("Not to be invited"), invitation_refusal),
    (gettext_lazy("Organisation at the time"), "organisation"),
    (gettext_lazy("Position at the time"), "position"),
    (gettext_lazy("Role"), "role"),
    (gettext_lazy("Status"), "status"),
]
INVITATION_COLUMNS = [
    (gettext_lazy("Name"), "person.display_name"),
    (gettext_lazy("E-mail"), "person.email"),
    (gettext_lazy("Organisation at the time"), "organisation"),
    (gettext_lazy("Position at the time"), "position"),
    (gettext_lazy("Role"), "role"),
]


def event_participations(event):
    consents = Prefetch(
        "person__consents", queryset=Consent.objects.select_related("purpose").latest_first(), to_attr="all_consents"
    )
    return event.participations.select_related("person", "organisation").prefetch_related(consents)


@permission_required("events.view_participation")
def participants_export(request, pk):
    event = get_object_or_404(Event, pk=pk)
    fmt = request.GET.get("export", "csv")
    if fmt not in EXPORT_FORMATS:
        return unknown_export_format(request)
    return export_response(
        request,
        fmt,
        event_participations(event),
        PARTICIPANT_COLUMNS,
        filename=f"participants-event-{event.pk}",
        title=str(_("Participants")),
    )


@permission_required("events.view_participation")
def invitation_list(request, pk):
    """The invited people to write to: only those who consented to invitations and did not opt out."""
    event = get_object_or_404(Event, pk=pk)
    fmt = request.GET.get("export", "csv")
    if fmt not in EXPORT_FORMATS:
        return unknown_export_format(request)
    invited = event.participations.filter(
        status=Participation.Status.INVITED,
        person__in=Person.objects.contactable(INVITATION_PURPOSE),
    ).select_related("person", "organisation")
    return export_response(
        request,
        fmt,
        invited,
        INVITATION_COLUMNS,
        filename=f"invitations-event-{event.pk}",
        title=str(_("Invitations")),
    )


# --- people trained ---------------------------------------------------------------------


class TrainedPeopleList(PersonList):
    """The people list narrowed to who was trained, as the dashboard counts them (selectors.trained_participations)."""

    filterset_class = TrainedPeopleFilter
    permission_required = ("contacts.view_person", "events.view_participation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("People trained")
        return context


# --- programmes -------------------------------------------------------------------------


class ProgrammeListView(RecordListView):
    model = Programme

    filterset_class = ProgrammeFilter
    template_name = "events/programme_list.html"
    queryset = programmes_with_figures()
    export_columns = [
        (gettext_lazy("Title"), "title"),
        (gettext_lazy("Start"), "start_date"),
        (gettext_lazy("End"), "end_date"),
        (gettext_lazy("Target: people to train"), "target_people_trained"),
        (gettext_lazy("People trained"), "people_trained"),
        (gettext_lazy("Women trained"), "women_trained"),
        (gettext_lazy("Target: share of women (%)"), "target_women_share"),
        (gettext_lazy("Target: local governments"), "target_local_governments"),
        (gettext_lazy("Local governments reached"), "local_governments_reached"),
    ]


class ProgrammeDetailView(RecordDetailView):
    model = Programme

    def get_context_data(self, **kwargs):
        programme = self.object
        participations = Participation.objects.filter(event__programme=programme)
        return super().get_context_data(
            progress=programme.progress(),
            events=programme.events.order_by("start"),
            by_gender=people_trained_by_gender(participations),
            by_organisation_kind=people_trained_by_organisation_kind(participations),
            by_state=people_trained_by_state(participations),
            by_country=people_trained_by_country(participations),
            **kwargs,
        )


class ProgrammeCreateView(RecordCreateView):
    model = Programme

    form_class = ProgrammeForm
    list_url_name = "events:programme_list"


class ProgrammeUpdateView(RecordUpdateView):
    model = Programme

    form_class = ProgrammeForm
    list_url_name = "events:programme_list"


class ProgrammeDeleteView(RecordDeleteView):
    model = Programme

    success_url = reverse_lazy("events:programme_list")


# --- missions ---------------------------------------------------------------------------


class MissionListView(RecordListView):
    model = Mission
    filterset_class = MissionFilter
    template_name = "events/mission_list.html"
    queryset = Mission.objects.select_related("traveller")
    export_columns = [
        (gettext_lazy("Traveller"), lambda m: m.traveller.get_full_name() or m.traveller.get_username()),
        (gettext_lazy("Destination"), "destination"),
        (gettext_lazy("Country"), "country"),
        (gettext_lazy("Departure"), "start_date"),
        (gettext_lazy("Return"), "end_date"),
        (gettext_lazy("Purpose"), "purpose"),
        (gettext_lazy("Approval"), "approval"),
        (gettext_lazy("Back-to-office report due"), "report_due"),
        (gettext_lazy("Back-to-office report done"), "report_done"),
    ]


class MissionDetailView(RecordDetailView):
    model = Mission
    queryset = Mission.objects.select_related("traveller")


class MissionCreateView(RecordCreateView):
    model = Mission
    form_class = MissionForm
    list_url_name = "events:mission_list"

    def get_initial(self):
        return {**super().get_initial(), "traveller": self.request.user.pk}


class MissionUpdateView(RecordUpdateView):
    model = Mission
    form_class = MissionForm
    list_url_name = "events:mission_list"


class MissionDeleteView(RecordDeleteView):
    model = Mission
    success_url = reverse_lazy("events:mission_list")


@permission_required("events.change_mission")
def mission_report(request, pk):
    """The back-to-office report's form: saving it logs its follow-ups and marks the report done."""
    mission = get_object_or_404(Mission.objects.select_related("traveller"), pk=pk)
    existing = MissionReport.objects.filter(mission=mission).first()
    initial = {} if existing else {"purpose": mission.purpose}
    form = MissionReportForm(request.POST or None, instance=existing, initial=initial)
    if request.method == "POST" and form.is_valid():
        _report, created = mission_report_submit(form=form, mission=mission, user=request.user)
        messages.success(
            request,
            ngettext(
                "Back-to-office report saved; %(n)s follow-up added.",
                "Back-to-office report saved; %(n)s follow-ups added.",
                len(created),
            )
            % {"n": len(created)},
        )
        return redirect(mission)
    return render(request, "events/mission_report.html", {"mission": mission, "form": form, "report": existing})


@permission_required("events.view_mission")
def mission_report_document(request, pk):
    """The back-to-office report as `?format=docx` or `pdf`; 404 while there is no report."""
    report = get_object_or_404(MissionReport.objects.select_related("mission__traveller", "submitted_by"), mission=pk)
    chosen = request.GET.get("format", "pdf")
    if chosen == "docx":
        return docx_response(reports.docx(report), reports.filename(report))
    if chosen != "pdf":
        return render(request, "400.html", {"message": _("Choose the format docx or pdf.")}, status=400)
    return pdf_response(
        "events/mission_report_pdf.html", reports.pdf_context(report), reports.filename(report), request
    )


# --- online registration, check-in, sign-in sheet and invitations -----------------------


@permission_required("events.change_event")
def registrations(request, pk):
    """The event's registration page settings, and who registered (people created by it marked for review)."""
    event = get_object_or_404(Event, pk=pk)
    page, _created = RegistrationPage.objects.get_or_create(event=event)
    form = RegistrationPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Registration settings saved."))
        return redirect("events:registrations", pk=event.pk)
    rows = event.registrations.select_related("participation__person").order_by("created_at", "pk")
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "page": page,
            "form": form,
            "registrations": rows,
            "public_url": absolute(page.get_absolute_url()),
        },
    )


@permission_required("events.change_participation")
def check_in_view(request, pk):
    """An officer's phone on the day: the camera reads the QR code (static/js/checkin.js), or the code is typed."""
    event = get_object_or_404(Event, pk=pk)
    form = CheckInForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = check_in(event=event, code=form.cleaned_data["code"])
        form = CheckInForm()  # ready for the next one
    response = render(
        request,
        "events/check_in.html",
        {"event": event, "form": form, "result": result, "attended": event.participations.attended().count()},
        status=200 if result is None or result.ok else 400,
    )
    response["Permissions-Policy"] = PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")
    return response


def _sheet_rows(event):
    return list(
        event.participations.exclude(status__in=[Participation.Status.CANCELLED, Participation.Status.WAITING])
        .select_related("person", "organisation")
        .order_by("person__full_name", "pk")
    )


@permission_required("events.view_participation")
def sign_in_sheet(request, pk):
    """A printable sheet for paper days, numbered in the order of the tick entry page."""
    event = get_object_or_404(Event, pk=pk)
    return render(request, "events/sign_in_sheet.html", {"event": event, "rows": _sheet_rows(event)})


@permission_required("events.change_participation")
def sign_in_ticks(request, pk):
    """The ticks of the paper sheet, entered in one page: ticked ones attended, the others no-shows."""
    event = get_object_or_404(Event, pk=pk)
    rows = _sheet_rows(event)
    if request.method == "POST":
        ticked = set(request.POST.getlist("attended"))
        statuses = {
            p.pk: Participation.Status.ATTENDED if str(p.pk) in ticked else Participation.Status.NO_SHOW for p in rows
        }
        try:
            changed = attendance_mark(event=event, statuses=statuses, user=request.user)
        except AttendanceTooEarly as error:
            messages.error(request, error.messages[0])
            return render(request, "events/sign_in_ticks.html", {"event": event, "rows": rows}, status=400)
        messages.success(
            request, ngettext("%(n)d status changed.", "%(n)d statuses changed.", changed) % {"n": changed}
        )
        return redirect(event)
    return render(request, "events/sign_in_ticks.html", {"event": event, "rows": rows})


@permission_required("events.add_participation")
def invitations_view(request, pk):
    """Invite people by e-mail; who is left out (do not contact, no consent) is shown with the reason."""
    event = get_object_or_404(Event, pk=pk)
    form = InvitationForm(request.POST or None, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        result = invitations_create(event=event, people=form.chosen_people(), template=form.cleaned_data["template"])
        if result.created:
            enqueue_on_commit(send_invitations, event.pk)
        messages.success(
            request,
            ngettext("%(n)d invitation queued.", "%(n)d invitations queued.", len(result.created))
            % {"n": len(result.created)},
        )
    invitations = event.invitations.select_related("person").order_by("person__full_name")
    return render(
        request,
        "events/invitations.html",
        {"event": event, "form": form, "result": result, "invitations": invitations},
    )


@permission_required("events.view_participation")
def certificate(request, pk):
    """The attendance certificate of one participation, as PDF; none for someone who did not attend."""
    participation = get_object_or_404(Participation.objects.select_related("event", "person"), pk=pk)
    if participation.status != Participation.Status.ATTENDED:
        raise Http404
    issued = certificate_for(participation)
    response = HttpResponse(certificate_pdf(issued), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{issued.code}.pdf"'
    return response


@require_POST
@permission_required("events.change_participation")
def feedback_send(request, pk):
    """Ask the attendees for feedback by e-mail, once the event is over; who is left out is said, with why."""
    event = get_object_or_404(Event, pk=pk)
    try:
        result = feedback_requests_create(event=event)
    except FeedbackError as error:
        messages.error(request, str(error))
        return redirect(event)
    if result.created:
        enqueue_on_commit(send_feedback_requests, event.pk)
    form = form_for(event)
    messages.success(
        request,
        ngettext(
            "Feedback request (%(form)s) queued for %(n)d attendee.",
            "Feedback requests (%(form)s) queued for %(n)d attendees.",
            len(result.created),
        )
        % {"n": len(result.created), "form": form},
    )
    if result.already:
        messages.info(
            request,
            ngettext("%(n)d attendee was asked before.", "%(n)d attendees were asked before.", result.already)
            % {"n": result.already},
        )
    if result.left_out:
        reasons = "; ".join(f"{person} ({why})" for person, why in result.left_out)
        messages.warning(request, _("Not asked for feedback: %(people)s.") % {"people": reasons})
    return redirect(event)

"""Events and their participations in the API, written through the pages' forms and the events services."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, status

from liaison.api.registry import ApiResource, register
from liaison.api.resources import NON_FIELD, RecordSerializer, RecordViewSet, form_errors

from .filters import EventFilter
from .forms import AttendanceForm, EventForm, ParticipantsAddForm
from .models import Event, Participation
from .services import AttendanceTooEarly, attendance_mark, participations_add
from .views import INVITATION_PURPOSE, people_split_by_consent


class EventSerializer(RecordSerializer):
    class Meta:
        model = Event
        fields = [
            "id", "title", "kind", "level", "status", "start", "end", "venue", "city", "country", "online_link",
            "at_training_hub", "organisers", "office_role", "programme", "themes", "sdgs", "description",
            "outcomes", "report_due", "published", "owner", "created_at", "updated_at",
        ]  # fmt: skip


class EventViewSet(RecordViewSet):
    queryset = Event.objects.prefetch_related("organisers", "themes", "sdgs")
    serializer_class = EventSerializer
    filterset_class = EventFilter
    form_class = EventForm
    ordering_fields = ("start", "end", "title", "kind", "level", "status", "created_at", "updated_at")


class ParticipationSerializer(RecordSerializer):
    class Meta:
        model = Participation
        fields = [
            "id", "event", "person", "role", "status", "organisation", "position", "notes", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = ["organisation", "position"]


class ParticipationViewSet(RecordViewSet):
    """Adding is the participants page's (the person's present post copied, invitations only with consent);
    a change of status is the attendance page's; nothing else of a participation is written."""

    queryset = Participation.objects.all()
    serializer_class = ParticipationSerializer
    filterset_fields = ["event", "person", "status", "role"]
    ordering_fields = ("created_at", "updated_at", "status")

    def _sent(self, allowed):
        sent = self.request.data
        if not isinstance(sent, dict):
            raise exceptions.ValidationError({NON_FIELD: [_("Send a JSON object.")]})
        unknown = set(sent) - set(allowed)
        if unknown:
            raise exceptions.ValidationError({name: [_("This field cannot be written.")] for name in sorted(unknown)})
        return sent

    def create(self, request, *args, **kwargs):
        sent = self._sent({"event", "person", "role", "status"})
        event = Event.objects.filter(pk=_int(sent.get("event"))).first()
        if event is None:
            raise exceptions.ValidationError({"event": [_("Choose the event.")]})
        data = {"people": [sent.get("person")] if sent.get("person") is not None else []}
        data["role"] = sent.get("role", Participation.Role.PARTICIPANT)
        data["status"] = sent.get("status", Participation.Status.INVITED)
        form = ParticipantsAddForm(data=data)
        if not form.is_valid():
            errors = form_errors(form)
            if "people" in errors:
                errors["person"] = errors.pop("people")
            raise exceptions.ValidationError(errors)
        people = form.cleaned_data["all_people"]
        if form.cleaned_data["status"] == Participation.Status.INVITED:
            people, left_out = people_split_by_consent(people, INVITATION_PURPOSE)
            if left_out:
                person = left_out[0]
                raise exceptions.ValidationError(
                    {"person": [_("Not invited: %(person)s (%(reason)s).") % {
                        "person": person, "reason": person.contact_refusal(INVITATION_PURPOSE)
                    }]}
                )  # fmt: skip
        try:
            created = participations_add(
                event=event, people=people, role=form.cleaned_data["role"], status=form.cleaned_data["status"],
                user=request.user,
            )  # fmt: skip
        except AttendanceTooEarly as error:
            raise exceptions.ValidationError({"status": error.messages}) from error
        if not created:
            raise exceptions.ValidationError({"person": [_("This person is already on the event's list.")]})
        return self.respond(created[0], status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        participation = self.get_object()
        sent = self._sent({"status"})
        if "status" in sent:
            form = AttendanceForm(data={f"status-{participation.pk}": sent["status"]}, participations=[participation])
            if not form.is_valid():
                raise exceptions.ValidationError({"status": next(iter(form_errors(form).values()))})
            try:
                attendance_mark(event=participation.event, statuses=form.statuses(), user=request.user)
            except AttendanceTooEarly as error:
                raise exceptions.ValidationError({"status": error.messages}) from error
        return self.respond(participation)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@register
class Events(ApiResource):
    prefix = "events"
    viewset = EventViewSet
    basename = "event"
    stage_field = "status"


@register
class Participations(ApiResource):
    prefix = "participations"
    viewset = ParticipationViewSet
    basename = "participation"

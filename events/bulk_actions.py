"""Bulk actions that Events adds to other apps' lists: the selected people added to an event."""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.web.bulk import BulkAction, BulkForm, BulkResult, register

from .models import Event, Participation
from .services import participations_add
from .views import INVITATION_PURPOSE, people_split_by_consent


class AddToEventForm(BulkForm):
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        queryset=Event.objects.exclude(status=Event.Status.CANCELLED).order_by("-start"),
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), choices=Participation.Role.choices, initial=Participation.Role.PARTICIPANT
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=Participation.Status.choices, initial=Participation.Status.INVITED
    )


@register
class AddToEvent(BulkAction):
    key = "events.add_to_event"
    label = gettext_lazy("Add to an event")
    order = 10
    models = ("contacts.person",)
    write = False  # adds participations, changes no person: the permission below is what it needs
    permission = "events.add_participation"
    form_class = AddToEventForm

    def run(self, request, queryset, form, view):
        event = form.cleaned_data["event"]
        people = list(queryset.model._default_manager.filter(pk__in=list(queryset.values_list("pk", flat=True))))
        left_out = []
        if form.cleaned_data["status"] == Participation.Status.INVITED:
            # Inviting is contacting: only people who consented to invitations and did not opt out.
            people, left_out = people_split_by_consent(people, INVITATION_PURPOSE)
        created = participations_add(
            event=event,
            people=people,
            role=form.cleaned_data["role"],
            status=form.cleaned_data["status"],
            user=request.user,
        )
        if left_out:
            messages.warning(
                request,
                _("Not invited (no consent to invitations, or asked not to be contacted): %(people)s.")
                % {"people": ", ".join(str(person) for person in left_out[:20])},
            )
        message = _("%(added)d added to %(event)s (%(already)d were already on it).") % {
            "added": len(created),
            "event": event,
            "already": len(people) - len(created),
        }
        return BulkResult(message, url=event.get_absolute_url())

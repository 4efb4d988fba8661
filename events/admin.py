from django.contrib import admin
from django.db import models

from liaison.web.admin import HistoryAdmin

from .models import (
    Event,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackRequest,
    Invitation,
    InvitationTemplate,
    Mission,
    Participation,
    Programme,
    Registration,
)

CONTACT_FIELDS = ["person", "organisation"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = CONTACT_FIELDS
    fields = ["person", "role", "status", "organisation", "position", "notes"]


@admin.register(Event)
class EventAdmin(HistoryAdmin):
    list_display = ["title", "kind", "level", "start", "city", "country", "status", "at_training_hub", "programme"]
    list_filter = ["kind", "level", "status", "at_training_hub", "office_role", "themes"]
    list_select_related = ["programme"]
    search_fields = ["title", "venue", "city"]
    date_hierarchy = "start"
    autocomplete_fields = ["programme", "owner", "organisers", "interactions"]
    filter_horizontal = ["themes", "sdgs"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ParticipationInline]


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = [
        "title",
        "start_date",
        "end_date",
        "target_people_trained",
        "target_women_share",
        "target_local_governments",
    ]
    search_fields = ["title", "objectives"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["themes"]


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["person", "event", "role", "status", "organisation"]
    list_filter = ["role", "status", "event__kind"]
    list_select_related = ["person", "event", "organisation"]
    search_fields = ["person__full_name", "person__email", "event__title"]
    autocomplete_fields = ["event", *CONTACT_FIELDS]


@admin.register(Mission)
class MissionAdmin(HistoryAdmin):
    list_display = ["destination", "traveller", "start_date", "end_date", "approval", "report_due", "report_done"]
    list_filter = ["approval"]
    list_select_related = ["traveller"]
    search_fields = ["destination", "purpose"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["traveller", "events"]


@admin.register(InvitationTemplate)
class InvitationTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "subject_en", "subject_ms", "updated_at"]
    search_fields = ["name", "subject_en", "subject_ms"]


class MadeByTheApplication(admin.ModelAdmin):
    """Rows the application writes (registrations, invitations): read and corrected here, never added."""

    def has_add_permission(self, request):
        return False


@admin.register(Registration)
class RegistrationAdmin(MadeByTheApplication):
    list_display = ["full_name", "email", "event", "new_person", "reviewed", "created_at", "cancelled_at"]
    list_filter = ["new_person", "reviewed"]
    list_select_related = ["event"]
    search_fields = ["full_name", "email", "event__title"]
    readonly_fields = ["event", "participation", "check_in_code", "email"]


@admin.register(Invitation)
class InvitationAdmin(MadeByTheApplication):
    list_display = ["person", "event", "state", "attempts", "sent_at", "reason"]
    list_filter = ["state"]
    list_select_related = ["person", "event"]
    search_fields = ["person__full_name", "event__title"]
    readonly_fields = ["event", "person", "template", "message_id", "token", "sent_at", "attempts"]


class FeedbackQuestionInline(admin.TabularInline):
    model = FeedbackQuestion
    extra = 1
    fields = ["order", "kind", "text_en", "text_ms", "required"]


@admin.register(FeedbackForm)
class FeedbackFormAdmin(admin.ModelAdmin):
    """The feedback forms per kind of event, their questions in English and Malay (events/feedback.py)."""

    list_display = ["name", "event_kind", "active", "updated_at"]
    list_filter = ["event_kind", "active"]
    search_fields = ["name"]
    inlines = [FeedbackQuestionInline]


class FeedbackAnswerInline(admin.TabularInline):
    model = FeedbackAnswer
    extra = 0
    fields = ["question", "rating", "would_apply", "text"]
    readonly_fields = ["question"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(MadeByTheApplication):
    list_display = ["participation", "event", "state", "attempts", "sent_at", "answered_at", "reason"]
    list_filter = ["state"]
    list_select_related = ["participation__person", "participation__event", "event"]
    search_fields = ["participation__person__full_name", "event__title"]
    readonly_fields = ["event", "participation", "form", "message_id", "token", "sent_at", "attempts", "answered_at"]
    inlines = [FeedbackAnswerInline]

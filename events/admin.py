from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import path
from simple_history.admin import SimpleHistoryAdmin as BaseHistoryAdmin

from .models import CalendarToken, Event, Mission, Participation, Programme

# People and organisations are picked by id: the contacts app owns their admin and its search.
CONTACT_FIELDS = ["person", "organisation"]


class SimpleHistoryAdmin(BaseHistoryAdmin):
    """Change history in the admin, answering a record that never existed as Django's admin does.

    Its URLs name their arguments (object_id, history_id) where django-simple-history's are positional.
    """

    def get_urls(self):
        opts = self.model._meta
        version = path(
            "<path:object_id>/history/<int:history_id>/",
            self.admin_site.admin_view(self.version_view),
            name=f"{opts.app_label}_{opts.model_name}_simple_history",
        )
        return [version, *super().get_urls()[1:]]

    def _missing(self, request, object_id, **version):
        pk = {self.model._meta.pk.attname: unquote(object_id)}
        try:
            return not self.model.history.filter(**pk, **version).exists()
        except (ValueError, ValidationError):
            return True

    def history_view(self, request, object_id, extra_context=None):
        if self._missing(request, object_id) and self.get_object(request, unquote(object_id)) is None:
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def version_view(self, request, object_id, history_id):
        if self._missing(request, object_id, history_id=history_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return self.history_form_view(request, object_id, history_id)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    raw_id_fields = CONTACT_FIELDS
    fields = ["person", "role", "status", "organisation", "position", "notes"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "level", "start", "city", "country", "status", "at_training_hub", "programme"]
    list_filter = ["kind", "level", "status", "at_training_hub", "office_role", "themes"]
    list_select_related = ["programme"]
    search_fields = ["title", "venue", "city"]
    date_hierarchy = "start"
    autocomplete_fields = ["programme", "owner"]
    raw_id_fields = ["organisers"]
    filter_horizontal = ["themes", "sdgs"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ParticipationInline]


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "start_date", "end_date", "target_people_trained", "target_local_governments"]
    search_fields = ["title", "objectives"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["themes"]


@admin.register(Participation)
class ParticipationAdmin(SimpleHistoryAdmin):
    list_display = ["person", "event", "role", "status", "organisation"]
    list_filter = ["role", "status", "event__kind"]
    list_select_related = ["person", "event", "organisation"]
    search_fields = ["person__full_name", "person__email", "event__title"]
    autocomplete_fields = ["event"]
    raw_id_fields = CONTACT_FIELDS


@admin.register(Mission)
class MissionAdmin(SimpleHistoryAdmin):
    list_display = ["destination", "traveller", "start_date", "end_date", "approval", "report_due", "report_done"]
    list_filter = ["approval"]
    list_select_related = ["traveller"]
    search_fields = ["destination", "purpose"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["traveller", "events"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__username"]
    autocomplete_fields = ["user"]
    readonly_fields = ["token"]

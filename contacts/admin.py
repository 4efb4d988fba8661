from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.web.admin import HistoryAdmin

from .models import Affiliation, ImportBatch, ImportMapping, Interaction, Organisation, Person


class AffiliationOfPersonInline(admin.TabularInline):
    model = Affiliation
    fk_name = "person"
    fields = ["organisation", "position", "department", "start_date", "end_date", "is_current"]
    autocomplete_fields = ["organisation"]
    extra = 0


class AffiliationAtOrganisationInline(AffiliationOfPersonInline):
    fk_name = "organisation"
    fields = ["person", "position", "department", "start_date", "end_date", "is_current"]
    autocomplete_fields = ["person"]


class InteractionOfPersonInline(admin.TabularInline):
    model = Interaction.people.through
    verbose_name = _("interaction")
    verbose_name_plural = _("interactions")
    autocomplete_fields = ["interaction"]
    extra = 0


class InteractionOfOrganisationInline(admin.TabularInline):
    model = Interaction.organisations.through
    verbose_name = _("interaction")
    verbose_name_plural = _("interactions")
    autocomplete_fields = ["interaction"]
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "acronym", "kind", "council_type", "state", "country", "uclg_member", "owner"]
    list_filter = ["kind", "council_type", "state", "uclg_member", "country"]
    list_select_related = ["state", "owner"]
    search_fields = ["name", "name_local", "acronym"]
    autocomplete_fields = ["parent", "owner"]
    filter_horizontal = ["themes", "sdgs"]
    readonly_fields = ["reference_key", "created_at", "updated_at"]
    inlines = [AffiliationAtOrganisationInline, InteractionOfOrganisationInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["full_name", "honorific", "email", "phone", "country", "do_not_contact", "owner"]
    list_filter = ["do_not_contact", "gender", "country"]
    list_select_related = ["owner"]
    search_fields = ["full_name", "name_other_script", "email", "email_other"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["themes", "sdgs"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AffiliationOfPersonInline, InteractionOfPersonInline]


@admin.register(Affiliation)
class AffiliationAdmin(HistoryAdmin):
    list_display = ["person", "position", "organisation", "start_date", "end_date", "is_current"]
    list_filter = ["is_current", "organisation__kind"]
    list_select_related = ["person", "organisation"]
    search_fields = ["person__full_name", "organisation__name", "organisation__acronym", "position"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(Interaction)
class InteractionAdmin(HistoryAdmin):
    list_display = ["subject", "kind", "occurred_at", "author", "follow_up_date", "follow_up_done", "confidential"]
    list_filter = ["kind", "confidential", "follow_up_done"]
    list_select_related = ["author"]
    search_fields = ["subject", "notes"]
    date_hierarchy = "occurred_at"
    autocomplete_fields = ["people", "organisations", "author"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """The record of each import, read only: undoing one is done from its page."""

    list_display = ["file_name", "kind", "status", "created_by", "created_at", "committed_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["created_by"]
    search_fields = ["file_name", "sha256"]
    exclude = ["data", "plan"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportMapping)
class ImportMappingAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "created_by", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name"]

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from liaison.web.admin import HistoryAdmin

from .models import Agreement, PartnerRole, Partnership, StageChange, VoluntaryReview
from .services import agreement_change_status, partnership_change_stage


class PartnerRoleInline(admin.TabularInline):
    model = PartnerRole
    autocomplete_fields = ["organisation"]
    extra = 1


class AgreementInline(admin.TabularInline):
    model = Agreement
    fields = ["title", "kind", "status", "reference_number", "effective_date", "expiry_date"]
    readonly_fields = ["status"]
    show_change_link = True
    extra = 0


class StageChangeInline(admin.TabularInline):
    model = StageChange
    fields = ["changed_on", "from_stage", "to_stage", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class ThroughServiceMixin:
    """A change of `service_field` made in the admin goes through its service (history, validation)."""

    service_field = ""

    def save_model(self, request, obj, form, change):
        wanted = getattr(obj, self.service_field)
        if change and self.service_field in form.changed_data:
            setattr(obj, self.service_field, form.initial[self.service_field])
        super().save_model(request, obj, form, change)
        if change:
            self.apply(obj=obj, value=wanted, user=request.user)


@admin.register(Partnership)
class PartnershipAdmin(ThroughServiceMixin, HistoryAdmin):
    service_field = "stage"
    list_display = ["title", "kind", "stage", "next_step_due", "owner", "updated_at"]
    list_filter = ["stage", "kind", "themes"]
    list_select_related = ["owner"]
    search_fields = ["title", "next_step", "partner_roles__organisation__name"]
    autocomplete_fields = ["owner", "interactions"]
    filter_horizontal = ["themes", "sdgs"]
    inlines = [PartnerRoleInline, AgreementInline, StageChangeInline]

    def apply(self, *, obj, value, user):
        partnership_change_stage(partnership=obj, stage=value, user=user)


@admin.register(PartnerRole)
class PartnerRoleAdmin(HistoryAdmin):
    list_display = ["organisation", "role", "partnership"]
    list_filter = ["role"]
    list_select_related = ["organisation", "partnership"]
    search_fields = ["organisation__name", "organisation__acronym", "partnership__title"]
    autocomplete_fields = ["organisation", "partnership"]


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["partnership", "from_stage", "to_stage", "changed_on", "changed_by"]
    list_filter = ["to_stage"]
    list_select_related = ["partnership", "changed_by"]
    search_fields = ["partnership__title"]
    date_hierarchy = "changed_on"
    autocomplete_fields = ["partnership", "changed_by"]

    def get_readonly_fields(self, request, obj=None):
        # Recorded by partnership_change_stage; an administrator may add a missing one, not rewrite one.
        return ["partnership", "from_stage", "to_stage", "changed_by"] if obj else []


@admin.register(Agreement)
class AgreementAdmin(ThroughServiceMixin, HistoryAdmin):
    service_field = "status"
    list_display = ["title", "kind", "status", "partnership", "effective_date", "expiry_date", "has_document"]
    list_filter = ["kind", "status"]
    list_select_related = ["partnership"]
    search_fields = ["title", "reference_number", "parties__name", "parties__acronym"]
    autocomplete_fields = ["partnership", "parties", "owner"]
    date_hierarchy = "expiry_date"
    readonly_fields = ["document_name"]

    def apply(self, *, obj, value, user):
        agreement_change_status(agreement=obj, status=value, user=user)

    def save_model(self, request, obj, form, change):
        if "document" in form.changed_data:
            upload = form.cleaned_data.get("document")
            obj.document_name = upload.name if upload else ""
        super().save_model(request, obj, form, change)

    @admin.display(boolean=True, description=_("signed document"))
    def has_document(self, obj):
        return bool(obj.document)


@admin.register(VoluntaryReview)
class VoluntaryReviewAdmin(HistoryAdmin):
    list_display = ["__str__", "kind", "government", "year", "status"]
    list_filter = ["kind", "status", "year"]
    list_select_related = ["government"]
    search_fields = ["title", "government__name", "government__acronym"]
    autocomplete_fields = ["government", "partnership", "owner"]
    filter_horizontal = ["sdgs"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

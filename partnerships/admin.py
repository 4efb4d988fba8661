from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import path
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from contacts.models import Organisation

from .models import Agreement, PartnerRole, Partnership, StageChange, VoluntaryReview
from .services import agreement_change_status, partnership_change_stage

if not admin.site.is_registered(Organisation):
    # Autocomplete on organisations needs an admin for them with search fields; Contacts provides the full
    # one (its admin module is loaded first), this stands in where it is absent.
    @admin.register(Organisation)
    class OrganisationAdmin(admin.ModelAdmin):
        list_display = ["name", "acronym", "kind"]
        search_fields = ["name", "name_local", "acronym"]
        formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class HistoryAdmin(SimpleHistoryAdmin):
    """Change history, and Django's answer to an unknown id (back to the list with a message) on its pages too."""

    def _history(self, object_id, **lookups):
        try:
            return self.model.history.filter(**{self.opts.pk.attname: unquote(object_id)}, **lookups).exists()
        except (ValueError, ValidationError):
            return False

    def history_view(self, request, object_id, extra_context=None):
        if not self._history(object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_urls(self):
        # simple-history names its version page with unnamed groups; the same page with named ones.
        name = f"{self.opts.app_label}_{self.opts.model_name}_simple_history"
        version = path(
            "<path:object_id>/history/<str:history_id>/",
            self.admin_site.admin_view(self._version_view),
            name=name,
        )
        return [version, *(url for url in super().get_urls() if getattr(url, "name", None) != name)]

    def _version_view(self, request, object_id, history_id):
        return self.history_form_view(request, object_id, history_id)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._history(object_id, history_id=version_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


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
    autocomplete_fields = ["owner"]
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

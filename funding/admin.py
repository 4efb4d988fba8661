from django.contrib import admin
from django.db import models

from liaison.web.admin import HistoryAdmin

from .models import FundingOpportunity, Milestone


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["label", "due", "done_on"]


@admin.register(FundingOpportunity)
class FundingOpportunityAdmin(HistoryAdmin):
    list_display = ["title", "funder", "kind", "status", "deadline", "currency", "amount_requested", "probability"]
    list_filter = ["status", "kind", "currency", "themes"]
    search_fields = ["title", "funder__name", "funder__acronym"]
    list_select_related = ["funder"]
    date_hierarchy = "deadline"
    autocomplete_fields = ["owner", "funder", "lead_applicant", "co_applicants", "partnership", "interactions"]
    filter_horizontal = ["themes", "sdgs"]
    readonly_fields = ["status_changed_at", "created_at", "updated_at"]
    inlines = [MilestoneInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Milestone)
class MilestoneAdmin(HistoryAdmin):
    list_display = ["label", "opportunity", "due", "done_on"]
    list_filter = ["done_on"]
    search_fields = ["label", "opportunity__title"]
    list_select_related = ["opportunity"]
    autocomplete_fields = ["opportunity"]
    date_hierarchy = "due"

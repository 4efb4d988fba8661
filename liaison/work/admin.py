from django.contrib import admin

from liaison.web.admin import HistoryAdmin

from .models import Task


@admin.register(Task)
class TaskAdmin(HistoryAdmin):
    list_display = ["title", "assignee", "due_on", "done_at", "created_by"]
    list_filter = ["due_on", "done_at"]
    search_fields = ["title", "notes"]
    raw_id_fields = ["assignee", "created_by", "done_by"]
    list_select_related = ["assignee", "created_by"]
    date_hierarchy = "due_on"

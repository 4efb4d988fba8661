from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Notification, NotificationPreference, Reminder, ReminderRule
from .registry import registry


class ReminderRuleForm(forms.ModelForm):
    class Meta:
        model = ReminderRule
        fields = ["source_key", "offsets", "remind_overdue", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = registry.by_key()
        self.fields["source_key"] = forms.ChoiceField(
            label=_("reminder source"), choices=[(key, f"{s.label} ({key})") for key, s in sorted(sources.items())]
        )


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    form = ReminderRuleForm
    list_display = ["source_key", "source_label", "offsets", "remind_overdue", "active"]
    list_editable = ["offsets", "remind_overdue", "active"]
    list_filter = ["active", "remind_overdue"]

    @admin.display(description=_("source"))
    def source_label(self, rule):
        source = registry.get(rule.source_key)
        return source.label if source else _("(no such source)")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "recipient",
        "source",
        "due_on",
        "offset",
        "state",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["state", "source", "offset"]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__username", "recipient__email", "last_error"]
    date_hierarchy = "due_on"
    readonly_fields = [
        "source",
        "content_type",
        "object_id",
        "due_on",
        "offset",
        "recipient",
        "title",
        "url",
        "attempts",
        "last_error",
        "sent_at",
        "created_at",
    ]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False  # reminders are claimed by the sweep only

    @admin.action(description=_("Retry the selected failed reminders"))
    def retry(self, request, queryset):
        count = queryset.failed().update(state=Reminder.State.PENDING, attempts=0, next_attempt_at=timezone.now())
        self.message_user(request, _("%(count)d reminders will be sent again by the next sweep.") % {"count": count})


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user", "reminder"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "delivery", "digest_hour", "language"]
    list_filter = ["delivery", "language"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]

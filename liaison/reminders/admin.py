from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Delivery, Heartbeat, Notification, NotificationPreference, Reminder, ReminderRule
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
    list_display = ["title", "recipient", "source", "due_on", "offset", "state", "sent_at"]
    list_filter = ["state", "source", "offset"]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__username", "recipient__email"]
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
        "delivery",
        "sent_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False  # reminders are claimed by the sweep only


class ReminderInline(admin.TabularInline):
    model = Reminder
    fields = ["title", "due_on", "offset", "state"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "state", "due_at", "attempts", "reason_text", "sent_at"]
    list_filter = ["state", "kind", "reason"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__email", "message_id", "server_reply"]
    date_hierarchy = "due_at"
    readonly_fields = [
        "kind",
        "key",
        "recipient",
        "state",
        "due_at",
        "lease_until",
        "attempts",
        "message_id",
        "reason",
        "server_reply",
        "sent_at",
        "created_at",
    ]
    inlines = [ReminderInline]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False  # e-mails are scheduled by the sweep only

    @admin.display(description=_("why it failed"))
    def reason_text(self, delivery):
        return delivery.get_reason_display()

    @admin.action(description=_("Send the selected failed e-mails again"))
    def retry(self, request, queryset):
        with transaction.atomic():
            failed = list(queryset.failed().select_for_update(skip_locked=True).values_list("pk", flat=True))
            count = Delivery.objects.filter(pk__in=failed).update(
                state=Delivery.State.SCHEDULED, attempts=0, due_at=timezone.now()
            )
            Reminder.objects.filter(delivery__in=failed, state=Reminder.State.FAILED).update(
                state=Reminder.State.PENDING
            )
        self.message_user(request, _("%(count)d e-mails will be sent again by the next sweep.") % {"count": count})


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


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["last_checked", "finished_at", "duration", "alerted_at"]
    readonly_fields = ["finished_at", "duration", "alerted_at"]

    @admin.display(description=_("reminders"))
    def last_checked(self, beat):
        minutes = int((timezone.now() - beat.finished_at).total_seconds() // 60)
        return ngettext(
            "Reminders last checked %(minutes)d minute ago.", "Reminders last checked %(minutes)d minutes ago.", minutes
        ) % {"minutes": minutes}

    def has_add_permission(self, request):
        return False  # the sweep writes it

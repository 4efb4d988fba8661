from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Breach, Purpose


@admin.register(Purpose)
class PurposeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ms", "key", "version", "active", "order"]
    list_filter = ["active"]
    search_fields = ["name", "name_ms", "key"]
    readonly_fields = ["version"]

    def get_readonly_fields(self, request, obj=None):
        # Code asks for purposes by key: it is fixed once the purpose exists.
        return [*self.readonly_fields, "key"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # A changed notice is a new notice: consents given from now on record the new version.
        if change and {"notice", "notice_ms"} & set(form.changed_data):
            obj.version += 1
        super().save_model(request, obj, form, change)


def deadline_text(deadline, notified_at, needed=True):
    """The deadline, and whether it was met, is pending or has passed, in the reader's language."""
    if not needed:
        return _("Not needed")
    when = date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
    if notified_at is not None:
        done = date_format(timezone.localtime(notified_at), "DATETIME_FORMAT")
        if notified_at <= deadline:
            return _("%(deadline)s — notified on %(done)s") % {"deadline": when, "done": done}
        return _("%(deadline)s — notified late, on %(done)s") % {"deadline": when, "done": done}
    if timezone.now() > deadline:
        return _("%(deadline)s — PASSED, not notified yet") % {"deadline": when}
    return _("%(deadline)s — not notified yet") % {"deadline": when}


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    """The breach register: administrators record incidents; the deadlines are shown and reminded."""

    list_display = ["title", "found_at", "scale", "affected_count", "commissioner_deadline", "people_deadline"]
    list_filter = ["scale", "found_at", "notify_people"]
    search_fields = ["title", "description", "affected_data"]
    date_hierarchy = "found_at"
    readonly_fields = ["commissioner_deadline", "people_deadline", "recorded_by", "recorded_at"]
    fieldsets = [
        (None, {"fields": ["found_at", "title", "description", "scale", "affected_count", "affected_data"]}),
        (_("Assessment"), {"fields": ["harm_assessment", "notify_people"]}),
        (
            _("Notifications"),
            {
                "fields": [
                    "commissioner_deadline",
                    "commissioner_notified_at",
                    "people_deadline",
                    "people_notified_at",
                ]
            },
        ),
        (_("Record"), {"fields": ["recorded_by", "recorded_at"]}),
    ]

    @admin.display(description=_("notify the Commissioner by (72 hours)"))
    def commissioner_deadline(self, obj):
        if obj.pk is None:
            return _("72 hours after the breach was found")
        return deadline_text(obj.commissioner_deadline, obj.commissioner_notified_at)

    @admin.display(description=_("notify the people affected by (7 days)"))
    def people_deadline(self, obj):
        if obj.pk is None:
            return _("7 days after the breach was found")
        return deadline_text(obj.people_deadline, obj.people_notified_at, obj.notify_people)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

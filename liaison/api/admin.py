from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import ApiToken, WebhookDelivery, WebhookEndpoint


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "read_only", "expires_on", "last_used_at", "revoked_at"]
    list_filter = ["read_only", "revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False  # a token's secret is shown once to its user, on their own page


def _resource_choices():
    from .registry import registry

    return [(resource.prefix, resource.prefix) for resource in registry.entries()]


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=WebhookEndpoint.Event.choices, widget=forms.CheckboxSelectMultiple
    )
    resources = forms.MultipleChoiceField(
        label=_("Kinds of record"),
        choices=_resource_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave all unticked for every kind of record."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "resources", "active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["name", "url", "active", "created_at"]
    list_filter = ["active"]
    search_fields = ["name", "url"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "endpoint", "event", "resource", "record_id", "state", "attempts", "last_status_code"]
    list_filter = ["state", "event", "resource", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["event_id", "last_error"]
    actions = ["send_again"]
    readonly_fields = [
        "endpoint", "event_id", "event", "resource", "record_id", "payload", "state", "attempts", "next_attempt_at",
        "last_status_code", "last_error", "created_at", "delivered_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # deliveries come from the records' events

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again the failed ones"), permissions=["view"])
    def send_again(self, request, queryset):
        from liaison.celery import enqueue_on_commit

        from .tasks import deliver_webhook

        with transaction.atomic():
            failed = list(queryset.filter(state=WebhookDelivery.State.FAILED).values_list("pk", flat=True))
            WebhookDelivery.objects.filter(pk__in=failed).update(
                state=WebhookDelivery.State.PENDING, attempts=0, next_attempt_at=timezone.now()
            )
            for pk in failed:
                enqueue_on_commit(deliver_webhook, pk)
        messages.success(
            request, ngettext("%(n)d delivery will be sent again.", "%(n)d deliveries will be sent again.", len(failed))
            % {"n": len(failed)},
        )  # fmt: skip

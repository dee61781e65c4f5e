from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from madoguchi.api.models import ApiKey, WebhookDelivery, WebhookEndpoint
from madoguchi.api.webhooks.endpoints import (
    WebhookEndpointError,
    webhook_events_check,
    webhook_url_check,
)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are created with `madoguchi apikey`; here they can be seen and switched off."""

    list_display = ("name", "prefix", "scope_list", "agent", "is_active", "last_used_at")
    list_filter = ("is_active",)
    readonly_fields = ("name", "prefix", "key_hash", "scopes", "created_at", "last_used_at")
    fields = ("name", "prefix", "scopes", "agent", "is_active", "created_at", "last_used_at")

    @admin.display(description="scopes")
    def scope_list(self, obj: ApiKey) -> str:
        return " ".join(obj.scopes or ())

    def has_add_permission(self, request) -> bool:
        return False


class WebhookEndpointForm(forms.ModelForm):
    """The URL and events are checked as the API checks them (a clear form error, no 500)."""

    class Meta:
        model = WebhookEndpoint
        fields = ("url", "events", "description", "active")

    def clean_url(self) -> str:
        try:
            return webhook_url_check(self.cleaned_data["url"])
        except WebhookEndpointError as exc:
            raise ValidationError(str(exc)) from exc

    def clean_events(self) -> list[str]:
        events = self.cleaned_data.get("events")
        if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
            raise ValidationError('a JSON list of event types, e.g. ["ticket.created"] or ["*"]')
        try:
            return webhook_events_check(events)
        except WebhookEndpointError as exc:
            raise ValidationError(str(exc)) from exc


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """Endpoints receiving signed ticket events (docs/api.md)."""

    form = WebhookEndpointForm
    list_display = ("url", "events", "active", "created_at")
    list_filter = ("active",)
    readonly_fields = ("secret", "created_at")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ("event_type", "endpoint", "status", "attempts", "response_status", "created_at")
    list_filter = ("status", "event_type")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

"""Admin for tickets, messages and events.

Tickets are created by intake and changed through the workspace's services (which write the
events): here status, priority, assignee and team are read-only, messages cannot be written
(their text must pass the secret shield first) and events are an append-only audit trail.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from madoguchi import taxonomy
from madoguchi.tickets.models import Event, Message, Ticket


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AppendOnlyAdmin(ReadOnlyAdmin):
    """Records nobody may add, change or delete from the admin (audit trails, logs)."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MessageInline(admin.TabularInline):
    model = Message
    fields = ("created_at", "author_kind", "visibility", "channel", "body")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class TicketAdminForm(forms.ModelForm):
    class Meta:
        model = Ticket
        fields = ("subject", "intent", "language")

    def clean_intent(self) -> str:
        value = self.cleaned_data["intent"]
        if value:
            try:
                taxonomy.intent(value)
            except taxonomy.UnknownIntentError:
                raise forms.ValidationError(_("Unknown request type.")) from None
        return value


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    form = TicketAdminForm
    list_display = (
        "reference",
        "subject",
        "status",
        "priority",
        "intent",
        "language",
        "channel",
        "assignee",
        "team",
        "secret_exposed",
        "updated_at",
    )
    list_filter = ("status", "priority", "channel", "language", "secret_exposed", "team")
    search_fields = ("reference", "subject", "intent")
    list_select_related = ("requester", "assignee", "team")
    date_hierarchy = "created_at"
    readonly_fields = (
        "reference",
        "public_id",
        "requester",
        "status",
        "priority",
        "assignee",
        "team",
        "channel",
        "facts",
        "secret_exposed",
        "created_at",
        "updated_at",
        "solved_at",
    )
    fields = ("subject", "intent", "language", *readonly_fields)
    inlines = [MessageInline]

    def has_add_permission(self, request) -> bool:
        return False  # tickets come in through the one intake path


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    list_display = ("pk", "ticket", "author_kind", "visibility", "channel", "created_at")
    list_filter = ("author_kind", "visibility", "channel")
    search_fields = ("ticket__reference", "external_id")
    list_select_related = ("ticket",)
    readonly_fields = (
        "ticket",
        "author_kind",
        "author_agent",
        "author_customer",
        "visibility",
        "body",
        "language",
        "analysis",
        "channel",
        "external_id",
        "created_at",
    )


@admin.register(Event)
class EventAdmin(AppendOnlyAdmin):  # the audit trail is append-only
    list_display = ("created_at", "ticket", "kind", "actor_kind", "actor_agent")
    list_filter = ("kind", "actor_kind")
    search_fields = ("ticket__reference", "actor_agent__username")
    list_select_related = ("ticket", "actor_agent")
    readonly_fields = ("ticket", "kind", "actor_kind", "actor_agent", "data", "created_at")

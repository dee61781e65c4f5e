"""Admin for conversations: read-only, the services write them (texts are screened first)."""

from django.contrib import admin

from madoguchi.conversations.models import Conversation, Turn


class TurnInline(admin.TabularInline):
    model = Turn
    fields = ("created_at", "role", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ("public_id", "channel", "language", "status", "ticket", "updated_at")
    list_filter = ("status", "channel", "language")
    readonly_fields = ("public_id", "channel", "language", "status", "customer", "ticket", "state")
    fields = readonly_fields
    inlines = [TurnInline]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

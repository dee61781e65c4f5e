"""Admin for teams and agents (configuration; agents are created with `madoguchi createagent`)."""

from django.contrib import admin

from madoguchi.agents.models import Agent, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "username", "role", "language", "is_active")
    list_filter = ("role", "is_active", "language", "teams")
    search_fields = ("user__username", "user__first_name", "user__last_name", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    filter_horizontal = ("teams",)

    @admin.display(ordering="user__username", description="username")
    def username(self, obj: Agent) -> str:
        return obj.user.get_username()

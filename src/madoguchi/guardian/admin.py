"""Admin for macros (checked by the guard when saved) and, read-only, guard overrides."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from madoguchi.guardian.models import GuardOverride, Macro
from madoguchi.guardian.services import macro_save, macro_validate
from madoguchi.tickets.admin import AppendOnlyAdmin


class MacroForm(forms.ModelForm):
    """A body the never-ask guard blocks is a form error on that body, with the reasons."""

    class Meta:
        model = Macro
        fields = ("title", "body_ja", "body_en", "active")

    def _post_clean(self) -> None:
        super()._post_clean()
        if not self.errors:
            try:
                macro_validate(self.instance)
            except forms.ValidationError as exc:
                self._update_errors(exc)


@admin.register(Macro)
class MacroAdmin(admin.ModelAdmin):
    form = MacroForm
    list_display = ("title", "active", "updated_at")
    list_filter = ("active",)
    search_fields = ("title", "body_ja", "body_en")

    def save_model(self, request, obj, form, change) -> None:
        macro_save(macro=obj)


@admin.register(GuardOverride)
class GuardOverrideAdmin(AppendOnlyAdmin):
    list_display = ("created_at", "ticket", "supervisor", "kinds")
    readonly_fields = ("ticket", "message", "event", "supervisor", "reason", "kinds", "created_at")

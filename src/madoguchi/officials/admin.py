"""Admin for the official channels: validated through the trust package, written by services.

A bad value is a form error on its field, never a 500; every save and delete goes through
``officials.services`` so the registry's cache is invalidated in every process.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from madoguchi.officials.channels import ChannelError, channel_normalise
from madoguchi.officials.models import OfficialChannel
from madoguchi.officials.services import (
    official_channel_create,
    official_channel_delete,
    official_channel_update,
    official_conflict,
)

_FIELDS = ("kind", "platform", "value", "label", "listed", "active")


class OfficialChannelForm(forms.ModelForm):
    class Meta:
        model = OfficialChannel
        fields = _FIELDS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # "Add" with ?kind=unrelated: such a domain is not listed unless the operator ticks it
        asked = kwargs.get("initial") or {}
        if self.instance.pk is None and asked.get("kind") == OfficialChannel.Kind.UNRELATED:
            self.initial["listed"] = bool(asked.get("listed"))

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        try:
            normal = channel_normalise(
                kind=data.get("kind", ""),
                platform=data.get("platform", ""),
                value=data.get("value", ""),
            )
        except ChannelError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, str(exc))
            return data
        clash = OfficialChannel.objects.filter(key=normal.key).exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("value", _("This channel is already registered."))
        elif conflict := official_conflict(
            kind=normal.kind, value=normal.value, exclude_pk=self.instance.pk
        ):
            self.add_error("value", conflict)
        return data


@admin.register(OfficialChannel)
class OfficialChannelAdmin(admin.ModelAdmin):
    form = OfficialChannelForm
    list_display = ("line", "kind", "label", "listed", "active", "updated_at")
    list_filter = ("kind", "listed", "active")
    search_fields = ("line", "label")
    readonly_fields = ("line", "created_at", "updated_at")
    fields = (*_FIELDS, *readonly_fields)

    def save_model(self, request, obj: OfficialChannel, form, change) -> None:
        values = {name: form.cleaned_data[name] for name in _FIELDS}
        if change:
            fresh = OfficialChannel.objects.get(pk=obj.pk)
            saved = official_channel_update(channel=fresh, **values)
        else:
            saved = official_channel_create(**values)
        obj.pk, obj.line, obj.key = saved.pk, saved.line, saved.key

    def delete_model(self, request, obj: OfficialChannel) -> None:
        official_channel_delete(channel=obj)

    def delete_queryset(self, request, queryset) -> None:
        for channel in queryset:
            official_channel_delete(channel=channel)

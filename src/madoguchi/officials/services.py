"""Writes to the official-channel registry: create, update, delete, import.

Every write validates through ``channel_normalise`` and changes the registry's version token
in the same transaction, so every process rebuilds its cached ``trust.Registry`` on its next
read (``selectors.official_registry``).

>>> # official_channel_create(kind="domain", value="madoguchi.example", label="Website")
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from madoguchi.officials.channels import ChannelError, channel_normalise, channel_parse_line
from madoguchi.officials.models import OfficialChannel, RegistryVersion

_UNSET = object()


def registry_touch() -> None:
    """A new version token: every process's cached registry is stale from now on."""
    token = uuid.uuid4().hex
    if not RegistryVersion.objects.filter(pk=1).update(token=token):
        RegistryVersion.objects.update_or_create(pk=1, defaults={"token": token})


def official_conflict(*, kind: str, value: str, exclude_pk: int | None = None) -> str | None:
    """Why a normalised value cannot be registered as ``kind`` beside the other rows, or None.

    A known-unrelated domain that is (under) an official domain would never apply: the
    official verdict wins, so the operator is told instead of keeping a dead entry.
    """
    if kind != OfficialChannel.Kind.UNRELATED:
        return None
    officials = OfficialChannel.objects.filter(kind=OfficialChannel.Kind.DOMAIN).exclude(
        pk=exclude_pk
    )
    for domain in officials.values_list("value", flat=True):
        if value == domain or value.endswith("." + domain):
            return _("%(value)s is an official domain (%(domain)s), so it cannot be unrelated.") % {
                "value": value,
                "domain": domain,
            }
    return None


def _apply(channel: OfficialChannel) -> OfficialChannel:
    try:
        normal = channel_normalise(
            kind=channel.kind, platform=channel.platform, value=channel.value
        )
    except ChannelError as exc:
        raise ValidationError({exc.field: str(exc)}) from None
    channel.platform, channel.value = normal.platform, normal.value
    channel.line, channel.key = normal.line, normal.key
    clash = OfficialChannel.objects.filter(key=normal.key).exclude(pk=channel.pk)
    if clash.exists():
        raise ValidationError({"value": _("This channel is already registered.")})
    if conflict := official_conflict(kind=normal.kind, value=normal.value, exclude_pk=channel.pk):
        raise ValidationError({"value": conflict})
    channel.full_clean(exclude=["key"])
    return channel


@transaction.atomic
def official_channel_create(
    *,
    kind: str,
    value: str,
    platform: str = "",
    label: str = "",
    listed: bool | None = None,
    active: bool = True,
) -> OfficialChannel:
    """Register one channel; ValidationError (per field, translated) when it is not valid.

    ``listed`` defaults to True, except for known-unrelated domains (listed only on request).
    """
    if listed is None:
        listed = kind != OfficialChannel.Kind.UNRELATED
    channel = _apply(
        OfficialChannel(
            kind=kind, platform=platform, value=value, label=label, listed=listed, active=active
        )
    )
    channel.save()
    registry_touch()
    return channel


@transaction.atomic
def official_channel_update(
    *,
    channel: OfficialChannel,
    kind: str | None = None,
    value: str | None = None,
    platform: str | None = None,
    label: str | None = None,
    listed: bool | None = None,
    active: bool | None = None,
) -> OfficialChannel:
    """Change the given fields (None: unchanged); ValidationError when the result is invalid."""
    changes = {
        "kind": kind, "value": value, "platform": platform, "label": label,
        "listed": listed, "active": active,
    }  # fmt: skip
    for name, new in changes.items():
        if new is not None:
            setattr(channel, name, new)
    _apply(channel).save()
    registry_touch()
    return channel


@transaction.atomic
def official_channel_delete(*, channel: OfficialChannel) -> None:
    channel.delete()
    registry_touch()


@dataclass(frozen=True)
class ImportCounts:
    created: int
    unchanged: int
    removed: int


class OfficialsImportError(ValueError):
    """A line of an imported list is not valid; nothing was written."""


@transaction.atomic
def officials_import(*, lines: Iterable[str], replace: bool = False) -> ImportCounts:
    """Import one value per line (``#`` comments; a comment just before a value is its label).

    All or nothing: the first invalid line raises :class:`OfficialsImportError` naming it. With
    ``replace``, registered channels missing from the list are deleted.
    """
    wanted: list[tuple[str, str, str, str]] = []
    label = ""
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            label = ""
            continue
        if text.startswith("#"):
            label = text.lstrip("#").strip()[:120]
            continue
        try:
            kind, platform, value = channel_parse_line(text)
            channel_normalise(kind=kind, platform=platform, value=value)
        except ChannelError as exc:
            raise OfficialsImportError(f"line {number}: {exc}") from None
        wanted.append((kind, platform, value, label))
        label = ""
    created = unchanged = 0
    keys: set[str] = set()
    for kind, platform, value, label in wanted:
        normal = channel_normalise(kind=kind, platform=platform, value=value)
        if normal.key in keys or OfficialChannel.objects.filter(key=normal.key).exists():
            unchanged += 1
        else:
            official_channel_create(kind=kind, platform=platform, value=value, label=label)
            created += 1
        keys.add(normal.key)
    removed = 0
    if replace:
        removed, _detail = OfficialChannel.objects.exclude(key__in=keys).delete()
    registry_touch()
    return ImportCounts(created, unchanged, removed)

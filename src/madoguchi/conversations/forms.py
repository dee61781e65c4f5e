"""The chat page's one form: a message, with an id that makes a resent form harmless."""

from __future__ import annotations

import secrets

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from madoguchi.conversations.services import MAX_CLIENT_ID


def new_client_id() -> str:
    return secrets.token_urlsafe(12)


class ChatForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=settings.MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        error_messages={"required": _("Please write your message.")},
    )
    client_id = forms.CharField(
        max_length=MAX_CLIENT_ID, required=False, widget=forms.HiddenInput()
    )

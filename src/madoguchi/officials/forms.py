"""The "Is this official?" box."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

#: longest value accepted (the trust package refuses anything longer too)
MAX_VALUE = 2000


class VerifyForm(forms.Form):
    value = forms.CharField(
        label=_("Link, domain, e-mail address, phone number, handle or name"),
        max_length=MAX_VALUE,
        help_text=_(
            "Paste it exactly as you received it. Nothing you paste here is stored, and you do "
            "not need to open the link."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
        error_messages={"required": _("Paste what you want to check.")},
    )

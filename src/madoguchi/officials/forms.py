"""The "Is this official?" box: one value, or a whole pasted message."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from madoguchi.officials.messages import MAX_TEXT

#: longest single value accepted (the trust package refuses anything longer too)
MAX_VALUE = 2000


class VerifyForm(forms.Form):
    value = forms.CharField(
        label=_("Link, domain, e-mail address, phone number, handle or name — or a whole message"),
        max_length=MAX_TEXT,
        help_text=_(
            "Paste it exactly as you received it, or paste a whole suspicious e-mail or chat "
            "message to check every link, address, number and account in it. Nothing you paste "
            "here is stored, and you do not need to open the link."
        ),
        widget=forms.Textarea(
            attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
        error_messages={
            "required": _("Paste what you want to check."),
            "max_length": _(
                "This is too long to check (%(show_value)s characters; at most %(limit_value)s). "
                "Paste only the part with the links and addresses."
            ),
        },
    )

"""The portal's forms: a new request (with the intent's checklist), a reply, a sign-in request.

The new-request form checks the checklist facts with the analysis core as part of validation:
slot errors are shown next to their field, cross-field findings become warnings the customer
confirms ("submit anyway"), and any secret typed into a field is never shown back.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from madoguchi import taxonomy
from madoguchi.analysis import SECRET_KINDS, analyze
from madoguchi.analysis.facts import FactsReport, check_facts
from madoguchi.customers.services import CustomerError, normalize_email
from madoguchi.portal.slots import fact_value, slot_fields, slot_inputs
from madoguchi.tickets.intake import Inbound

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
#: Free-text inputs that may carry a secret the customer pasted by mistake.
_TEXT_INPUTS = ("name", "subject", "description")


def new_submission_token() -> str:
    """A fresh idempotency token for one rendering of a form."""
    return secrets.token_urlsafe(24)


def _single_line(value: str) -> str:
    """No CR, LF or other control characters (header injection), whitespace collapsed."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def _external_id(kind: str, scope: str, token: str) -> str:
    # scoped, so a token copied from someone else's page can never reach their ticket
    digest = hashlib.sha256(f"{kind}:{scope}:{token}".encode()).hexdigest()[:48]
    return f"portal-{kind}-{digest}"


class _TokenMixin:
    def clean_submission_token(self) -> str:
        token = self.cleaned_data["submission_token"]
        if not _TOKEN.match(token):
            raise forms.ValidationError(_("This form has expired. Please send it again."))
        return token


class RequestForm(_TokenMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We send the sign-in link to follow your request here."),
    )
    name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=settings.MAX_SUBJECT_CHARS,
        help_text=_("One line, e.g. “USDT withdrawal not received”."),
    )
    description = forms.CharField(
        label=_("What happened?"),
        max_length=settings.MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe the problem in your own words. Never include your password, "
            "recovery phrase, private key or codes."
        ),
    )
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    #: kinds of secrets removed from the inputs when the form was shown again, so the request
    #: is still flagged when it finally goes in (the text no longer holds them)
    removed_secrets = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
    #: the fingerprint of the warnings the customer saw and chose to submit anyway
    confirm_warnings = forms.CharField(required=False, max_length=64)

    def __init__(self, *args: Any, intent: taxonomy.Intent, language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.intent = intent
        self.language = language
        self.slot_names: list[str] = []
        for slot in intent.slots:
            fields = slot_fields(slot)
            self.fields.update(fields)
            self.slot_names.extend(fields)
        self.facts_report: FactsReport | None = None
        self.field_warnings: dict[str, list[str]] = {}
        self.warnings: list[str] = []  # cross-field findings, in the UI language
        self.text_has_secret = False
        self.cleared_secret = False  # some input held a secret and is no longer shown

    def clean_email(self) -> str:
        try:
            return normalize_email(self.cleaned_data["email"])
        except CustomerError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_name(self) -> str:
        return _single_line(self.cleaned_data["name"])

    def clean_subject(self) -> str:
        subject = _single_line(self.cleaned_data["subject"])
        if not subject:
            raise forms.ValidationError(_("Please write a subject."))
        return subject

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.text_has_secret = any(
            analyze(cleaned[name]).secrets for name in _TEXT_INPUTS if cleaned.get(name)
        )
        facts = {slot: fact_value(slot, cleaned) for slot in self.intent.slots}
        facts = {slot: value for slot, value in facts.items() if value}
        if not facts:
            return cleaned
        report = check_facts(facts, tz=settings.TIME_ZONE)
        self.facts_report = report
        for slot, check in report.facts.items():
            for problem in check.problems:
                message = problem.message(self.language)
                if problem.severity == "error":
                    self.add_error(slot, message)
                else:
                    self.field_warnings.setdefault(slot, []).append(message)
            if check.secrets:
                self._clear(*slot_inputs(slot))
                self._note_removed(s.kind for s in check.secrets)
        self.warnings = [
            f.message_ja if self.language == "ja" else f.message_en
            for f in report.findings
            if f.code != "secret_shared"
        ]
        return cleaned

    def slot_rows(self) -> list[dict[str, Any]]:
        """The checklist inputs with their warnings, in the intent's order."""
        return [
            {"field": self[name], "warnings": self.field_warnings.get(name, [])}
            for name in self.slot_names
        ]

    # --- warnings the customer may confirm -----------------------------------------------

    @property
    def warnings_fingerprint(self) -> str:
        seen = sorted(self.warnings + [m for ms in self.field_warnings.values() for m in ms])
        return hashlib.sha256("\n".join(seen).encode()).hexdigest()[:32] if seen else ""

    @property
    def needs_confirmation(self) -> bool:
        """Warnings the customer has not confirmed yet (a secret in the text skips this: the
        request goes in at once, flagged, and the confirmation page repeats the warnings)."""
        fingerprint = self.warnings_fingerprint
        if not fingerprint or self.text_has_secret:
            return False
        return self.cleaned_data.get("confirm_warnings") != fingerprint

    # --- never echo a secret ---------------------------------------------------------------

    def _clear(self, *names: str) -> None:
        self.data = self.data.copy()
        for name in names:
            self.data[name] = ""
        self.cleared_secret = True

    def _note_removed(self, kinds: Iterable[str]) -> None:
        data = self.data.copy()
        known = set(filter(None, (data.get("removed_secrets") or "").split(",")))
        data["removed_secrets"] = ",".join(sorted(known | set(kinds)))
        self.data = data

    def secrets_removed(self) -> tuple[str, ...]:
        raw = self.cleaned_data.get("removed_secrets") or ""
        return tuple(kind for kind in raw.split(",") if kind in SECRET_KINDS)

    def scrub_secrets(self) -> None:
        """Before showing the form again: replace a secret in the free text by its marker."""
        removed: set[str] = set()
        data = self.data.copy()
        for name in _TEXT_INPUTS:
            value = data.get(name) or ""
            if len(value) > self.fields[name].max_length:  # do not send 100,000 characters back
                data[name] = ""
                continue
            result = analyze(value) if value else None
            if result is not None and result.secrets:
                data[name] = "" if name == "name" else result.redacted
                self.cleared_secret = True
                removed.update(s.kind for s in result.secrets)
        data["confirm_warnings"] = ""
        self.data = data
        self._note_removed(removed)

    def inbound(self, *, language_hint: str) -> Inbound:
        cleaned = self.cleaned_data
        return Inbound(
            channel="web",
            body=cleaned["description"],
            identity_value=cleaned["email"],
            name=cleaned["name"],
            subject=cleaned["subject"],
            intent=self.intent.id,
            facts={slot: fact_value(slot, cleaned) for slot in self.intent.slots},
            external_id=_external_id("new", cleaned["email"], cleaned["submission_token"]),
            language_hint=language_hint,
            secrets_removed=self.secrets_removed(),
        )


class ReplyForm(_TokenMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=settings.MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Never include your password, recovery phrase, private key or codes."),
    )
    submission_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def scrub_secrets(self) -> None:
        data = self.data.copy()
        value = data.get("body") or ""
        if len(value) > settings.MAX_MESSAGE_CHARS:
            data["body"] = ""
        elif value and (result := analyze(value)).secrets:
            data["body"] = result.redacted
        self.data = data

    def inbound(self, *, ticket: Any, email: str, language_hint: str) -> Inbound:
        return Inbound(
            channel="web",
            body=self.cleaned_data["body"],
            identity_value=email,
            ticket=ticket,
            external_id=_external_id(
                "reply", ticket.public_id, self.cleaned_data["submission_token"]
            ),
            language_hint=language_hint,
        )


class SignInForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)

    def clean_email(self) -> str:
        try:
            return normalize_email(self.cleaned_data["email"])
        except CustomerError as exc:
            raise forms.ValidationError(str(exc)) from exc

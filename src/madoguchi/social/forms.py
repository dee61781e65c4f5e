"""The agent's phone forms on the ticket page: log a call, schedule or close a call-back."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from madoguchi.social.models import CallbackRequest, CallLog
from madoguchi.social.phone import MAX_CALL_SECONDS, MAX_SUMMARY_CHARS


class CallLogForm(forms.Form):
    started_at = forms.DateTimeField(
        label=_("Time of the call"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=0, max_value=MAX_CALL_SECONDS // 60
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=CallLog.Direction.choices)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=MAX_SUMMARY_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    callback = forms.IntegerField(label=_("Answers the call-back"), required=False)

    def __init__(self, *args, callbacks: list[CallbackRequest] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # the open call-backs of the ticket: logging the call closes the one it answers
        self.fields["callback"].widget = forms.Select(
            choices=[("", "—")] + [(c.pk, c.phone) for c in callbacks]
        )
        if not callbacks:
            self.fields["callback"].widget = forms.HiddenInput()
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.fields["started_at"].initial = now.strftime("%Y-%m-%dT%H:%M")


class CallbackStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CallbackRequest.Status.choices)
    scheduled_for = forms.DateTimeField(
        label=_("Call at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

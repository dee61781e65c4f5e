"""Forms of the agent workspace: sign-in, inbox filters, reply, ticket changes."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from madoguchi import taxonomy
from madoguchi.agents import selectors, throttle
from madoguchi.agents.presenters import ui_language
from madoguchi.guardian.selectors import active_macros
from madoguchi.guardian.services import MAX_REASON_CHARS
from madoguchi.tickets.access import is_agent
from madoguchi.tickets.models import Ticket
from madoguchi.tickets.selectors import SORTS, InboxFilter
from madoguchi.tickets.services import TicketChange

LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}


class AgentLoginForm(AuthenticationForm):
    """Django's sign-in, refused to anyone without an active agent profile, and throttled."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "not_agent": _(
            "This account has no access to the agent workspace. Customers follow the sign-in "
            "link in their e-mail instead."
        ),
        "throttled": _(
            "Too many failed sign-in attempts for this account. Wait 15 minutes and try again."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and throttle.login_blocked(username, self.request):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                throttle.login_failed(username, self.request)
            raise
        throttle.login_succeeded(username, self.request)
        return cleaned

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if not is_agent(user):
            raise ValidationError(self.error_messages["not_agent"], code="not_agent")


def _user_label(user) -> str:
    return user.get_full_name() or user.get_username()


def _intent_choices(language: str) -> list:
    choices: list = [("", _("Any request type"))]
    for category, (name_en, name_ja) in taxonomy.CATEGORIES.items():
        name = name_ja if language == "ja" else name_en
        group = [(category, _("All: %(category)s") % {"category": name})]
        group += [(i.id, i.title(language)) for i in taxonomy.intents_in(category)]
        choices.append((name, group))
    return choices


class InboxFilterForm(forms.Form):
    """The inbox's query string; invalid values are ignored (shown as errors), never a 500."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open_all", _("All open")), ("any", _("All statuses")), *Ticket.Status.choices],
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("Any priority")), *Ticket.Priority.choices],
    )
    intent = forms.ChoiceField(label=_("Request type"), required=False)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_NAMES.items()],
    )
    q = forms.CharField(
        label=_("Reference or subject"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "MDG-26-000123"}),
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            ("updated", _("Recently updated")),
            ("oldest", _("Oldest update first")),
            ("created", _("Newest first")),
            ("priority", _("Priority")),
        ],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intent"].choices = _intent_choices(ui_language())
        self.fields["team"].choices = [
            ("", _("Any team")),
            *((team.pk, team.name) for team in selectors.teams()),
        ]
        self.fields["assignee"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("none", _("Unassigned")),
            *((str(user.pk), _user_label(user)) for user in selectors.assignable_agents()),
        ]

    def to_filter(self) -> tuple[InboxFilter, str]:
        """The selector's filter and sort key, from the fields that are valid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        data = self.cleaned_data
        status = data.get("status") or "open_all"
        sort = data.get("sort") or "updated"
        inbox_filter = InboxFilter(
            status="" if status == "any" else status,
            priority=data.get("priority") or "",
            intent=data.get("intent") or "",
            team=data.get("team"),
            assignee=data.get("assignee") or "",
            language=data.get("language") or "",
            query=(data.get("q") or "").strip(),
        )
        return inbox_filter, sort if sort in SORTS else "updated"


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=settings.MAX_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    visibility = forms.ChoiceField(
        label=_("Send as"),
        choices=[
            ("public", _("Public reply (e-mailed to the customer)")),
            ("internal", _("Internal note (agents only)")),
        ],
        initial="public",
        widget=forms.RadioSelect,
    )
    # A supervisor's reason to send a reply the never-ask guard blocked (guardian.services).
    override_reason = forms.CharField(
        label=_("Reason to send it anyway (supervisors; logged)"),
        required=False,
        max_length=MAX_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    macro = forms.ModelChoiceField(
        label=_("Macro"),
        queryset=active_macros(),
        required=False,
        empty_label=_("Choose a macro…"),
    )

    @property
    def internal(self) -> bool:
        return self.cleaned_data["visibility"] == "internal"


class AgentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _user_label(obj)


class TicketChangeForm(forms.Form):
    """Status, priority, assignee and team. Only the fields the agent actually changed are
    sent: each field carries the value the page showed (``show_hidden_initial``), so a change
    another agent made meanwhile is not silently reverted."""

    status = forms.ChoiceField(label=_("Status"), choices=Ticket.Status.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Ticket.Priority.choices)
    assignee = AgentChoiceField(
        label=_("Assignee"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Unassigned"),
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=selectors.teams(), required=False, empty_label=_("No team")
    )

    def __init__(self, *args, ticket: Ticket, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "status": ticket.status,
                "priority": ticket.priority,
                "assignee": ticket.assignee_id,
                "team": ticket.team_id,
            },
        )
        super().__init__(*args, **kwargs)
        agents = selectors.assignable_agents()
        if ticket.assignee_id is not None:  # keep a deactivated assignee selectable as-is
            agents = agents.model.objects.filter(
                Q(pk__in=agents.values("pk")) | Q(pk=ticket.assignee_id)
            ).order_by("first_name", "username")
        self.fields["assignee"].queryset = agents
        self.fields["team"].queryset = selectors.teams()
        for field in self.fields.values():
            field.show_hidden_initial = True

    def to_change(self) -> TicketChange:
        names = ("status", "priority", "assignee", "team")
        return TicketChange(**{n: self.cleaned_data[n] for n in names if n in self.changed_data})

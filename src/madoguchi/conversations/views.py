"""The portal's chat page: the thread, a form, "did this help?" buttons (plain HTTP + POST).

The conversation is bound to the browser session as a signed value; every POST is CSRF
checked and rate-limited per address like the portal's forms. A small script
(``static/conversations/chat.js``) sends without a page reload where it can.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from madoguchi.conversations.chat_protocol import widget_token
from madoguchi.conversations.forms import ChatForm, new_client_id
from madoguchi.conversations.models import Conversation
from madoguchi.conversations.selectors import (
    awaiting_helped,
    conversation_by_public_id,
    conversation_thread,
)
from madoguchi.conversations.services import (
    ConversationError,
    conversation_close,
    conversation_handoff,
    conversation_helped,
    conversation_message_post,
    conversation_start,
    conversation_sync,
)
from madoguchi.desk.middleware import CONTENT_SECURITY_POLICY
from madoguchi.dialogue import text as assistant_text
from madoguchi.portal.rate_limit import rate_limit_hit
from madoguchi.portal.session import signed_in_customer
from madoguchi.portal.views._common import ui_language

SESSION_KEY = "chat_conversation"
_SALT = "madoguchi.chat.conversation"
#: messages (and button presses) per address per window
CHAT_LIMIT = 30
CHAT_WINDOW = 5 * 60


def _current(request: HttpRequest) -> Conversation | None:
    signed = request.session.get(SESSION_KEY)
    if not isinstance(signed, str):
        return None
    try:
        public_id = signing.loads(signed, salt=_SALT)
    except signing.BadSignature:
        return None
    conversation = conversation_by_public_id(public_id)
    customer = signed_in_customer(request)
    # a conversation begun signed in belongs to that customer only
    if (
        conversation is not None
        and conversation.customer_id
        and (customer is None or customer.pk != conversation.customer_id)
    ):
        return None
    return conversation


def _bind(request: HttpRequest, conversation: Conversation) -> None:
    request.session[SESSION_KEY] = signing.dumps(conversation.public_id, salt=_SALT)


def _current_or_new(request: HttpRequest) -> Conversation:
    conversation = _current(request)
    if conversation is None:
        conversation = conversation_start(
            channel="chat", language=ui_language(), customer=signed_in_customer(request)
        )
        _bind(request, conversation)
    return conversation


def _limited(request: HttpRequest) -> HttpResponse | None:
    ip = request.META.get("REMOTE_ADDR", "")
    if rate_limit_hit("chat", ip, limit=CHAT_LIMIT, window=CHAT_WINDOW):
        return None
    context = {"minutes": CHAT_WINDOW // 60}
    return render(request, "conversations/limited.html", context, status=429)


def _context(request: HttpRequest, conversation: Conversation | None, form: ChatForm) -> dict:
    if conversation is not None:
        conversation = conversation_sync(conversation=conversation)
        thread = conversation_thread(conversation)
        language = conversation.language
    else:
        language = ui_language()
        thread = []
    return {
        "conversation": conversation,
        "thread": thread,
        "greeting": assistant_text("greeting", language) if conversation is None else "",
        "form": form,
        "ask_helped": conversation is not None and awaiting_helped(conversation),
        "agent_joined": bool(conversation and (conversation.state or {}).get("agent_joined")),
        "reference": conversation.ticket.reference if conversation and conversation.ticket else "",
        "language": language,
        "last_seq": max((t.pk for t in conversation.turns.all()), default=0) if conversation else 0,
    }


@require_GET
def chat_home(request: HttpRequest) -> HttpResponse:
    form = ChatForm(initial={"client_id": new_client_id()})
    return render(request, "conversations/chat.html", _context(request, _current(request), form))


@require_GET
def chat_thread(request: HttpRequest) -> HttpResponse:
    """The thread alone (the script swaps it in after sending)."""
    context = _context(request, _current(request), ChatForm())
    return render(request, "conversations/_thread.html", context)


@require_POST
def chat_send(request: HttpRequest) -> HttpResponse:
    limited = _limited(request)
    if limited is not None:
        return limited
    form = ChatForm(request.POST)
    if form.is_valid():
        conversation = _current_or_new(request)
        try:
            conversation_message_post(
                conversation=conversation,
                text=form.cleaned_data["text"],
                client_message_id=form.cleaned_data["client_id"] or None,
            )
        except ConversationError as exc:
            form.add_error("text", str(exc))
        else:
            return redirect("chat:home")
    # the text is not shown again: it may hold a secret the screen would have removed
    data = request.POST.copy()
    data["text"] = ""
    form.data = data
    context = _context(request, _current(request), form)
    return render(request, "conversations/chat.html", context, status=400)


@require_POST
def chat_helped(request: HttpRequest) -> HttpResponse:
    limited = _limited(request)
    if limited is not None:
        return limited
    conversation = _current(request)
    if conversation is not None and request.POST.get("helped") in ("yes", "no"):
        conversation_helped(conversation=conversation, yes=request.POST["helped"] == "yes")
    return redirect("chat:home")


@require_POST
def chat_person(request: HttpRequest) -> HttpResponse:
    limited = _limited(request)
    if limited is not None:
        return limited
    conversation = _current_or_new(request)
    try:
        conversation_handoff(conversation=conversation)
    except ConversationError as exc:
        messages.error(request, str(exc))
    return redirect("chat:home")


@require_POST
def chat_restart(request: HttpRequest) -> HttpResponse:
    conversation = _current(request)
    if conversation is not None:
        conversation_close(conversation=conversation)
    request.session.pop(SESSION_KEY, None)
    return redirect("chat:home")


def _started(conversation: Conversation) -> JsonResponse:
    return JsonResponse(
        {
            "id": conversation.public_id,
            "token": widget_token(conversation),
            "language": conversation.language,
        }
    )


@require_POST
def chat_start(request: HttpRequest) -> HttpResponse:
    """The page's script begins (or finds) the session's conversation before its socket opens."""
    limited = _limited(request)
    if limited is not None:
        return JsonResponse({"error": "rate_limited"}, status=429)
    return _started(_current_or_new(request))


def _widget_csp() -> str:
    """The site's policy, but framable by the operator's sites (``MADOGUCHI_WIDGET_ORIGINS``)."""
    ancestors = " ".join(["'self'", *settings.WIDGET_ORIGINS])
    return CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", f"frame-ancestors {ancestors}")


@require_GET
@xframe_options_exempt
def chat_widget(request: HttpRequest) -> HttpResponse:
    """The chat inside the operator's iframe: no session cookie is relied on (third-party
    cookies are blocked there); the script keeps a signed token in the frame's storage."""
    asked = request.GET.get("lang", "")[:2]
    language = asked if asked in ("en", "ja") else ui_language()
    with translation.override(language):
        response = render(
            request,
            "conversations/widget.html",
            {"language": language, "greeting": assistant_text("greeting", language)},
        )
    response["Content-Security-Policy"] = _widget_csp()
    return response


@csrf_exempt  # no cookie is read or written: the caller gets a token for a new conversation
@require_POST
def chat_widget_start(request: HttpRequest) -> HttpResponse:
    """A new anonymous conversation for the widget (rate-limited per address)."""
    limited = _limited(request)
    if limited is not None:
        return JsonResponse({"error": "rate_limited"}, status=429)
    language = "en" if request.POST.get("lang", "")[:2] == "en" else "ja"
    return _started(conversation_start(channel="chat", language=language))

"""What the dialogue's actions look like to people: display blocks, plain text, the summary.

The pure machine names slots and step sets; their words are the portal's (``portal/slots.py``,
``portal/guidance.py``), translated by Django. Everything renders in the conversation's
language, whatever the page's language is at the moment.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from madoguchi import taxonomy
from madoguchi.analysis import SECRET_KINDS, SecretSpan, secret_warnings
from madoguchi.portal.guidance import AFTER_SECRET_STEPS, urgent_steps
from madoguchi.portal.slots import SLOT_SPECS, slot_label

#: the operator's pages a reply may point to: alternative name -> setting with its URL
_LINK_SETTINGS = {"status": "STATUS_PAGE_URL", "community": "COMMUNITY_URL"}


def _steps(data: dict[str, Any]) -> list[str]:
    if data.get("playbook") == "secret":
        return [str(s) for s in AFTER_SECRET_STEPS]
    try:
        intent = taxonomy.intent(str(data.get("intent") or ""))
    except taxonomy.UnknownIntentError:
        return []
    return [str(s) for s in urgent_steps(intent)]


def _secret_warnings(kinds: list[str], language: str) -> list[str]:
    spans = [SecretSpan(k, 0, 0) for k in kinds if k in SECRET_KINDS]
    return [f.message_ja if language == "ja" else f.message_en for f in secret_warnings.warn(spans)]


def block(action: dict[str, Any], language: str) -> dict[str, Any]:
    """One action as the page shows it: its kind, text and whatever it carries."""
    kind = action.get("kind", "say")
    data = action.get("data") or {}
    out: dict[str, Any] = {"kind": kind, "text": action.get("text", "")}
    with translation.override(language):
        if kind == "show_article":
            out["article"] = {
                "title": data.get("title", ""),
                "summary": data.get("summary", ""),
                "link": data.get("link", ""),
            }
        elif kind == "show_steps":
            out["steps"] = _steps(data)
        elif kind == "warn_secret":
            out["warnings"] = _secret_warnings(list(data.get("kinds") or []), language)
            out["steps"] = [str(s) for s in AFTER_SECRET_STEPS]
        elif kind == "ask_slot":
            slot = str(data.get("slot", ""))
            spec = SLOT_SPECS.get(slot)
            out["slot"] = {
                "label": str(slot_label(slot)),
                "question": _("Please tell me: %(label)s") % {"label": slot_label(slot)},
                "help": str(spec.help) if spec else "",
                "problems": list(data.get("problems") or []),
            }
        elif kind == "clarify":
            out["options"] = [o.get("title", "") for o in data.get("options") or []]
        # where the operator has a status page or a community forum, the words link to it
        wanted = [data.get("link")] if data.get("link") else list(data.get("alternatives") or [])
        out["links"] = [
            {"name": name, "url": url}
            for name in wanted
            if (url := getattr(settings, _LINK_SETTINGS.get(str(name), ""), "") or "")
        ]
    return out


def plain_text(action: dict[str, Any], language: str) -> str:
    """The action as lines of text (the terminal, and the turn's stored text)."""
    shown = block(action, language)
    kind = shown["kind"]
    lines: list[str] = []
    if kind == "warn_secret":
        lines += [f"⚠ {w}" for w in shown["warnings"]]
        return "\n".join(lines)
    if kind == "ask_slot":
        slot = shown["slot"]
        lines += slot["problems"]
        lines.append(slot["question"])
        lines.append(slot["help"])
        lines.append(shown["text"])
        return "\n".join(line for line in lines if line)
    if kind == "hand_off":
        return ""
    if shown["text"]:
        lines.append(shown["text"])
    if kind == "show_article":
        article = shown["article"]
        lines += [f"{article['title']}", article["summary"], f"→ {article['link']}"]
    for number, step in enumerate(shown.get("steps") or [], start=1):
        lines.append(f"{number}. {step}")
    lines += [f"→ {link['url']}" for link in shown.get("links") or []]
    return "\n".join(line for line in lines if line)


_REASONS = {
    "human_request": gettext_noop("The customer asked for a person."),
    "unsolved": gettext_noop("Not solved by the assistant; checklist collected."),
    "urgent": gettext_noop("Urgent request: protective steps shown, handed off at once."),
    "secret": gettext_noop("The customer sent a secret (removed before storage); urgent hand-off."),
    "angry": gettext_noop("The customer is upset: handed off early."),
    "not_understood": gettext_noop("The assistant could not tell what the request is about."),
}


def summary_body(summary: dict[str, Any], language: str) -> str:
    """The hand-off summary as the ticket's first message, for the agent who picks it up."""
    with translation.override(language):
        reason = _REASONS.get(summary.get("reason", ""), "")
        lines = [_("Handed over by the support assistant."), _(reason) if reason else ""]
        title = summary.get("intent_title_ja" if language == "ja" else "intent_title_en") or ""
        if summary.get("intent"):
            lines.append(
                _("Request type: %(title)s (%(intent)s), urgency %(urgency)s")
                % {"title": title, "intent": summary["intent"], "urgency": summary["urgency"]}
            )
        mood = summary.get("sentiment") or {}
        lines.append(
            _("Customer sentiment: %(label)s (%(score)s)")
            % {"label": mood.get("label", "calm"), "score": mood.get("score", 0)}
            + (f" — {', '.join(mood['signals'])}" if mood.get("signals") else "")
        )
        if summary.get("secret_kinds"):
            lines.append(
                _("Secrets removed before storage: %(kinds)s")
                % {"kinds": ", ".join(summary["secret_kinds"])}
            )
        facts = summary.get("facts") or {}
        if facts:
            lines.append(_("Facts:"))
            for slot, fact in facts.items():
                notes = [*fact.get("problems", []), *fact.get("notes", [])]
                check = (
                    _("checked, valid")
                    if fact.get("valid") is True and not notes
                    else (_("please check: %(notes)s") % {"notes": ", ".join(notes)})
                    if notes
                    else ""
                )
                lines.append(
                    f"- {slot_label(slot)}: {fact.get('text', '')}"
                    + (f" ({check})" if check else "")
                )
        if summary.get("possible_intents"):
            lines.append(
                _("Possibly: %(intents)s") % {"intents": ", ".join(summary["possible_intents"])}
            )
        missing = summary.get("missing") or []
        if missing:
            lines.append(
                _("Not given: %(slots)s")
                % {"slots": ", ".join(str(slot_label(s)) for s in missing)}
            )
        if summary.get("tried"):
            lines.append(_("Already tried: %(items)s") % {"items": ", ".join(summary["tried"])})
        if summary.get("articles_shown"):
            lines.append(
                _("Articles shown: %(items)s") % {"items": ", ".join(summary["articles_shown"])}
            )
        if summary.get("said"):
            lines.append(_("The assistant said: %(items)s") % {"items": ", ".join(summary["said"])})
        messages = summary.get("customer_messages") or []
        if messages:
            lines.append(_("The customer wrote:"))
            lines += [f"> {m}" for m in messages]
    return "\n".join(line for line in lines if line)

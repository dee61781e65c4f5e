"""What the portal tells customers in plain words: categories, statuses, urgent first steps.

>>> from django.utils import translation
>>> with translation.override("en"):
...     str(status_words("pending")[0])
'Waiting for your reply'
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from madoguchi import taxonomy

#: One line per taxonomy category, so a customer recognises their problem without jargon.
CATEGORY_HINTS: dict[str, Promise] = {
    "security": _(
        "Someone got into your account, money left without you, a scam, a suspicious message "
        "or link, or you shared a password or recovery phrase."
    ),
    "funds": _(
        "A deposit or withdrawal that has not arrived, a transfer on the wrong network or to "
        "the wrong address, a missing memo or tag, limits and fees."
    ),
    "account": _(
        "Opening an account, identity verification, signing in, two-factor authentication, "
        "a locked account, changing your details or closing the account."
    ),
    "trading": _("Buying and selling, orders that do not fill, fees, leverage and margin."),
    "wallet": _(
        "Setting up or restoring a wallet, stuck transactions, missing tokens, hardware "
        "wallets and dApp connections."
    ),
    "tech": _("Errors in the app or on the website, outages, e-mails or SMS not arriving."),
    "asset": _("Questions about a coin or token, staking and rewards."),
    "other": _("Tax documents, complaints, or talking to a person."),
}

#: Ticket statuses as a customer reads them: (what it is, what happens next).
_STATUS_WORDS: dict[str, tuple[Promise, Promise]] = {
    "new": (_("Received"), _("A support agent will pick it up soon.")),
    "open": (_("In progress"), _("Support is working on it.")),
    "pending": (_("Waiting for your reply"), _("Please answer the last message from support.")),
    "on_hold": (_("On hold"), _("We are waiting for a third party (a bank or a network).")),
    "solved": (_("Solved"), _("Reply if the problem is not solved; the request reopens.")),
    "closed": (_("Closed"), _("This request is closed. Open a new request if you need help.")),
}


def status_words(status: str) -> tuple[Promise | str, Promise | str]:
    return _STATUS_WORDS.get(status, (status, ""))


def category_name(category: str, language: str) -> str:
    en, ja = taxonomy.CATEGORIES.get(category, (category, category))
    return ja if language == "ja" else en


# --- urgent first steps, shown above the form before anything else ---------------------------

_LOCK_ACCOUNT = (
    _(
        "If you cannot sign in, or money is leaving right now, send this form first: we can "
        "freeze withdrawals on your account while we check."
    ),
    _(
        "Sign in from a device you trust and change your password, then the password of the "
        "e-mail account you use with us."
    ),
    _("Sign out all other sessions and remove devices you do not recognise."),
    _("Delete API keys and withdrawal addresses you did not create."),
)
_WALLET_EXPOSED = (
    _(
        "If you gave anyone your recovery phrase or private key, create a new wallet now "
        "(a new recovery phrase) and move everything left into it before they do."
    ),
    _("If you gave away a password or a two-factor code, change the password now."),
    _("Revoke token approvals you do not recognise."),
)
_SCAM = (
    _(
        "Do not send any more money, not even a “fee” or “tax” to release your funds: "
        "that is the scam continuing."
    ),
    _(
        "Ignore anyone who offers to recover your funds for a fee, even if they say they are "
        "from us, the police or a lawyer."
    ),
    _("Keep the messages, links and addresses: they help us and the police."),
)
_PHISHING = (
    _("Do not click the link again and do not enter anything on that page."),
    _("If you already entered your password or a code there, change your password now."),
)

URGENT_STEPS: dict[str, tuple[Promise, ...]] = {
    "account.compromised": _LOCK_ACCOUNT,
    "security.unauthorized_withdrawal": _LOCK_ACCOUNT,
    "security.secret_exposed": _WALLET_EXPOSED,
    "security.scam_victim": _SCAM,
    "security.phishing_report": _PHISHING,
    "security.verify_channel": _PHISHING,
    "security.api_keys": (_("If a key leaked, delete it now and create a new one."),),
}

#: What to do after sharing a secret: shown on the confirmation page next to the warning.
AFTER_SECRET_STEPS = (
    _("Move your funds to a new wallet if you shared a recovery phrase or a private key."),
    _("Change your password, and turn two-factor authentication off and on again."),
    _("Never give these to anyone who contacts you, whoever they say they are."),
)


def is_urgent(intent: taxonomy.Intent) -> bool:
    """Urgent notices go on the compromised-account and every security request."""
    return intent.urgency == "urgent" or intent.category == "security"


def urgent_steps(intent: taxonomy.Intent) -> tuple[Promise, ...]:
    return URGENT_STEPS.get(intent.id, _LOCK_ACCOUNT if intent.urgency == "urgent" else ())

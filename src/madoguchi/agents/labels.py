"""What the workspace calls things: checklist slots, entity kinds, fact problems, secrets.

Every label is an English msgid translated in this app's catalogue; codes without a label are
shown as they are, so a new code from the analysis core never breaks a page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

SLOTS = {
    "asset": _("Asset"),
    "network": _("Network"),
    "amount": _("Amount"),
    "tx_hash": _("Transaction ID"),
    "address": _("Address"),
    "memo_tag": _("Memo / destination tag"),
    "occurred_at": _("When it happened"),
    "error_message": _("Error message"),
    "steps_taken": _("Steps taken"),
    "device": _("Device and app"),
    "order_id": _("Order ID"),
    "wallet_type": _("Wallet"),
    "url": _("Link or domain"),
    "contact_handle": _("Contact involved"),
}

ENTITY_KINDS = {
    "address": _("Address"),
    "txid": _("Transaction ID"),
    "extended_public_key": _("Extended public key"),
    "network": _("Network"),
    "asset": _("Asset"),
    "amount": _("Amount"),
    "memo": _("Memo / destination tag"),
    "datetime": _("Date and time"),
    "error_code": _("Error code"),
    "url": _("Link"),
    "domain": _("Domain"),
    "email": _("E-mail address"),
    "phone": _("Phone number"),
    "social_handle": _("Social handle"),
    "order_id": _("Order ID"),
}

#: short agent-facing names of the facts checker's problem codes
PROBLEMS = {
    "not_txid": _("not a transaction ID"),
    "not_address": _("not an address"),
    "address_invalid": _("checksum fails"),
    "address_disguised": _("hidden or look-alike characters"),
    "unknown_asset": _("unknown asset"),
    "unknown_network": _("unknown network"),
    "not_amount": _("no amount with unit"),
    "not_datetime": _("date not understood"),
    "not_url": _("not a link"),
    "not_contact": _("not a contact"),
    "too_long": _("too long"),
    "secret": _("secret removed"),
}

SECRETS = {
    "recovery_phrase": _("recovery phrase"),
    "private_key": _("private key"),
    "extended_private_key": _("extended private key"),
    "keystore": _("keystore file"),
    "password": _("password"),
    "one_time_code": _("one-time code"),
    "backup_code": _("backup code"),
}
#: secrets that hand over the funds themselves: the wallet is lost and must be replaced
WALLET_SECRETS = frozenset({"recovery_phrase", "private_key", "extended_private_key", "keystore"})

# The tickets app ships no catalogue yet: these markers put the model labels the workspace
# shows (status, priority, channel, author, event kinds) into ours.
MODEL_LABELS = (
    gettext_noop("New"),
    gettext_noop("Open"),
    gettext_noop("Pending (waiting for the customer)"),
    gettext_noop("On hold"),
    gettext_noop("Solved"),
    gettext_noop("Closed"),
    gettext_noop("Urgent"),
    gettext_noop("High"),
    gettext_noop("Normal"),
    gettext_noop("Low"),
    gettext_noop("Web form"),
    gettext_noop("API"),
    gettext_noop("E-mail"),
    gettext_noop("Chat"),
    gettext_noop("Social"),
    gettext_noop("Phone"),
    gettext_noop("Customer"),
    gettext_noop("Agent"),
    gettext_noop("Assistant"),
    gettext_noop("System"),
    gettext_noop("Public reply"),
    gettext_noop("Internal note"),
    gettext_noop("created"),
    gettext_noop("message"),
    gettext_noop("internal note"),
    gettext_noop("status changed"),
    gettext_noop("priority changed"),
    gettext_noop("assignee changed"),
    gettext_noop("team changed"),
    gettext_noop("intent changed"),
    gettext_noop("secret redacted"),
    gettext_noop("viewed"),
    gettext_noop("customer"),
    gettext_noop("agent"),
    gettext_noop("system"),
    gettext_noop("team lead"),
    gettext_noop("administrator"),
)

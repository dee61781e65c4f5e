"""The checklist fields of the new-request form: one per taxonomy slot, labelled in both languages.

Each slot gets a label, a help text with an example, and a widget that suits it. The network
slot is a list of common networks plus free text for anything else.

>>> sorted(slot_fields("network"))
['network', 'network_other']
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from madoguchi.analysis.facts import MAX_FACT_LENGTH

#: Networks offered in the list: the value is what the analysis core reads as that network.
NETWORK_CHOICES: tuple[tuple[str, Promise], ...] = (
    ("Bitcoin network", _("Bitcoin")),
    ("Ethereum (ERC20)", _("Ethereum (ERC20)")),
    ("Tron (TRC20)", _("Tron (TRC20)")),
    ("BNB Smart Chain (BEP20)", _("BNB Smart Chain (BEP20)")),
    ("Solana", _("Solana")),
    ("XRP Ledger", _("XRP Ledger")),
    ("Polygon PoS", _("Polygon")),
    ("Arbitrum One", _("Arbitrum One")),
    ("OP Mainnet", _("Optimism (OP Mainnet)")),
    ("Base network", _("Base")),
    ("Avalanche C-Chain", _("Avalanche C-Chain")),
    ("Litecoin network", _("Litecoin")),
    ("Bitcoin Cash network", _("Bitcoin Cash")),
    ("Dogecoin network", _("Dogecoin")),
    ("Stellar network", _("Stellar")),
    ("Cosmos network", _("Cosmos")),
    ("Lightning Network", _("Lightning Network")),
)
NETWORK_OTHER = "other"


@dataclass(frozen=True)
class SlotSpec:
    label: Promise | str
    help: Promise | str
    multiline: bool = False


SLOT_SPECS: dict[str, SlotSpec] = {
    "asset": SlotSpec(_("Coin or token"), _("The ticker symbol, e.g. BTC, ETH, USDT or XRP.")),
    "network": SlotSpec(
        _("Network"),
        _(
            "The network the transfer used, as shown on the withdrawal screen "
            "(e.g. Tron (TRC20) or Ethereum (ERC20)). Not sure? Leave it empty."
        ),
    ),
    "amount": SlotSpec(_("Amount"), _("The quantity and its unit, e.g. 0.5 ETH or 15,000円.")),
    "tx_hash": SlotSpec(
        _("Transaction ID (TxID / hash)"),
        _(
            "Copy it from your withdrawal history or a blockchain explorer, "
            "e.g. 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060."
        ),
    ),
    "address": SlotSpec(
        _("Address"),
        _(
            "The full blockchain address involved. Copy and paste it rather than typing it, "
            "e.g. TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t."
        ),
    ),
    "memo_tag": SlotSpec(
        _("Memo or destination tag"),
        _("Only some coins use one (XRP, XLM, ATOM...), e.g. 104528917."),
    ),
    "occurred_at": SlotSpec(
        _("When did it happen?"),
        _("Date and time, as precisely as you can, e.g. 2026-11-28 21:30 or “yesterday evening”."),
    ),
    "error_message": SlotSpec(
        _("Error message"),
        _("The exact text or code shown on screen, e.g. “Withdrawal failed (E1023)”."),
        multiline=True,
    ),
    "steps_taken": SlotSpec(
        _("What did you do, step by step?"),
        _("For example: 1. opened the app 2. tapped Withdraw 3. the screen froze."),
        multiline=True,
    ),
    "device": SlotSpec(
        _("Device and app version"),
        _("e.g. iPhone 15, iOS 18.1, app 4.2.0, or Windows 11 with Chrome 131."),
    ),
    "order_id": SlotSpec(
        _("Order ID"), _("Shown in your order or trade history, e.g. 2026112800012345.")
    ),
    "wallet_type": SlotSpec(
        _("Wallet"), _("The wallet product or app, e.g. Ledger Nano X, Trezor Model T, MetaMask.")
    ),
    "url": SlotSpec(
        _("Link or website"),
        _(
            "Paste the link as text; do not open it again and do not sign in there. "
            "e.g. https://examp1e-login.com/verify"
        ),
    ),
    "contact_handle": SlotSpec(
        _("Who contacted you?"),
        _("The e-mail address, phone number or account name they used, e.g. @support_help123."),
    ),
}


def slot_label(slot: str) -> Promise | str:
    spec = SLOT_SPECS.get(slot)
    return spec.label if spec else slot


def _text_field(spec: SlotSpec) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 4}) if spec.multiline else forms.TextInput()
    return forms.CharField(
        label=spec.label,
        help_text=spec.help,
        required=False,
        max_length=MAX_FACT_LENGTH,
        widget=widget,
    )


def slot_fields(slot: str) -> dict[str, forms.Field]:
    """The form fields for one slot (the network slot has a list and a free-text field)."""
    spec = SLOT_SPECS.get(slot) or SlotSpec(slot, "")
    if slot != "network":
        return {slot: _text_field(spec)}
    choices = [("", _("Choose a network")), *NETWORK_CHOICES, (NETWORK_OTHER, _("Other"))]
    return {
        "network": forms.ChoiceField(
            label=spec.label, help_text=spec.help, required=False, choices=choices
        ),
        "network_other": forms.CharField(
            label=_("Other network"),
            help_text=_("If it is not in the list, type its name, e.g. Aptos."),
            required=False,
            max_length=200,
        ),
    }


def slot_inputs(slot: str) -> tuple[str, ...]:
    """The form inputs that carry ``slot`` (to clear them when they held a secret)."""
    return ("network", "network_other") if slot == "network" else (slot,)


def fact_value(slot: str, cleaned: dict) -> str:
    """What the customer gave for ``slot``, from the form's cleaned data."""
    if slot == "network":
        chosen = cleaned.get("network") or ""
        other = cleaned.get("network_other") or ""
        return other if chosen in ("", NETWORK_OTHER) else chosen
    return cleaned.get(slot) or ""

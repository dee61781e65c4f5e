"""Models of madoguchi.signing: one verification code per outbound desk message."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from madoguchi.tickets.models import Ticket


class VerificationCode(models.Model):
    """The code of one message the desk sent, and what the verify page may say about it.

    ``subject`` names the message (``message:<pk>`` an agent reply on a ticket, ``turn:<pk>``
    a chat turn, ``notice:received:<ticket pk>`` the acknowledgement e-mail,
    ``social-reply:<platform>:<event id>`` a LINE/Telegram answer that is no stored turn);
    the code is the MAC of it (``codes.derive_code``). Neither holds the content.
    """

    class Channel(models.TextChoices):
        WEB = "web", _("the support site")
        EMAIL = "email", _("e-mail")
        CHAT = "chat", _("live chat")
        TERMINAL = "terminal", _("terminal chat")
        LINE = "line", "LINE"
        TELEGRAM = "telegram", "Telegram"

    #: canonical: 12 Crockford base32 symbols, no prefix, no hyphens
    code = models.CharField(max_length=12, unique=True, editable=False)
    #: the fingerprint of the key that made it (``codes.key_id``)
    key_id = models.CharField(max_length=16, editable=False)
    subject = models.CharField(max_length=200, unique=True, editable=False)
    #: every channel the message went out on (an agent reply: e-mail and LINE, one code)
    channels = models.JSONField(default=list)
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.code} ({self.subject})"

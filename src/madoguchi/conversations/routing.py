"""WebSocket routes of the live chat (mounted by ``desk/asgi.py``)."""

from django.urls import re_path

from madoguchi.conversations.agent_consumer import AgentChatConsumer
from madoguchi.conversations.customer_consumer import CustomerChatConsumer

#: public ids are ``secrets.token_urlsafe(16)``: 22 URL-safe characters (32 at most stored)
_ID = r"(?P<public_id>[A-Za-z0-9_-]{1,32})"

websocket_urlpatterns = [
    re_path(rf"^ws/chat/{_ID}/$", CustomerChatConsumer.as_asgi()),
    re_path(rf"^ws/agent/chat/{_ID}/$", AgentChatConsumer.as_asgi()),
]

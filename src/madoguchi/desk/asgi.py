"""ASGI entry point (served by uvicorn through ``madoguchi serve``).

HTTP goes to Django as before; WebSockets (the live chat, ``conversations/routing.py``) go
through Channels, behind the allowed-hosts origin check and the session/auth middleware, so a
socket is bound to the same browser session (or signed-in agent) as the pages.
"""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madoguchi.desk.settings")
django_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from madoguchi.conversations.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

# Load what the analysis core loads lazily (language model, public suffix list) now rather than
# on the first customer message, then move everything loaded so far out of the garbage
# collector's view: full collections over the wordlists and Django's import graph were the
# inbox's p99 (bench/intake.py: 142 ms -> 64 ms at 100,000 tickets on SQLite).
from madoguchi.analysis import warm_up  # noqa: E402

warm_up()
gc.freeze()

# The assistant's model takes seconds to build (or to load from the data directory's cache):
# build it in the background now, so the first customer of this process does not wait for it.
from django.conf import settings  # noqa: E402

if settings.WARM_ASSISTANT:
    import threading

    def _warm_assistant() -> None:
        import logging

        from madoguchi.kb.understanding import understander

        try:
            understander()
        except Exception:  # a desk without its tables yet: the first question builds it
            logging.getLogger(__name__).warning("assistant warm-up skipped", exc_info=True)

    threading.Thread(target=_warm_assistant, name="assistant-warm-up", daemon=True).start()

"""URL map: the customer portal at ``/``, the agent workspace at ``/agent/``, admin, API."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from madoguchi.api.views import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("agent/phone/", include("madoguchi.social.phone_urls")),
    path("agent/", include("madoguchi.agents.urls")),
    path("api/v1/", api.urls),
    path("chat/", include("madoguchi.conversations.urls")),
    path("hooks/", include("madoguchi.social.urls")),
    path("verify/code/", include("madoguchi.signing.urls")),
    path("verify/", include("madoguchi.officials.urls")),
    path("log/", include("madoguchi.transparency.urls")),
    path("agent/guard/", include("madoguchi.guardian.urls")),
    path("", include("madoguchi.portal.urls")),
]

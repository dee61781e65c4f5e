"""The desk's URLs plus the phone forms, mounted where the lead mounts them (``agent/phone/``)."""

from django.urls import include, path

from madoguchi.desk.urls import urlpatterns as desk_urlpatterns

urlpatterns = [
    path("agent/phone/", include("madoguchi.social.phone_urls")),
    *desk_urlpatterns,
]

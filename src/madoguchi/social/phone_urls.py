"""The agent's phone forms; mounted at ``/agent/phone/`` (``phone:call_log``, ...)."""

from django.urls import path

from madoguchi.social import phone_views

app_name = "phone"
urlpatterns = [
    path("tickets/<str:reference>/calls/", phone_views.call_log_add, name="call_log"),
    path(
        "tickets/<str:reference>/callbacks/<int:callback_id>/",
        phone_views.callback_change,
        name="callback_change",
    ),
]

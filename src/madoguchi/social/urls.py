"""Platform webhooks, mounted at ``/hooks/``."""

from django.urls import path

from madoguchi.social import views

app_name = "social"
urlpatterns = [
    path("line/", views.line_webhook, name="line"),
    path("telegram/", views.telegram_webhook, name="telegram"),
]

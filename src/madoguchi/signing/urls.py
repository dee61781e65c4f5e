"""Public pages of madoguchi.signing."""

from django.urls import path  # noqa: F401

app_name = "signing"
urlpatterns: list = []

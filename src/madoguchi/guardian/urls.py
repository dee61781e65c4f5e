"""Public pages of madoguchi.guardian."""

from django.urls import path  # noqa: F401

app_name = "guardian"
urlpatterns: list = []

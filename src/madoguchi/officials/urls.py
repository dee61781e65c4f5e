"""Public pages of madoguchi.officials."""

from django.urls import path  # noqa: F401

app_name = "officials"
urlpatterns: list = []

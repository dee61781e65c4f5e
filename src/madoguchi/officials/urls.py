"""Public pages of madoguchi.officials (mounted at /verify/)."""

from django.urls import path

from madoguchi.officials import views

app_name = "officials"
urlpatterns = [path("", views.verify_page, name="verify")]

"""Public pages of madoguchi.signing (mounted at ``/verify/code/``)."""

from django.urls import path

from madoguchi.signing import views

app_name = "signing"
urlpatterns = [path("", views.verify, name="verify")]

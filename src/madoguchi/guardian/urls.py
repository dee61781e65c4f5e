"""The guard's pages in the agent workspace (mounted at /agent/guard/)."""

from django.urls import path

from madoguchi.guardian import views

app_name = "guardian"
urlpatterns = [path("", views.override_list, name="overrides")]

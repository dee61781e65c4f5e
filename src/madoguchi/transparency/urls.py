"""Public pages of madoguchi.transparency (mounted at /log/)."""

from django.urls import path

from madoguchi.transparency import views

app_name = "transparency"
urlpatterns = [
    path("checkpoint", views.checkpoint_text, name="checkpoint"),
    path("key", views.key_text, name="key"),
    path("receipt/<str:public_id>.json", views.receipt_download, name="receipt"),
]

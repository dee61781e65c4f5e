from django.urls import path

from madoguchi.portal import views

app_name = "portal"
urlpatterns = [
    path("access/<str:token>/", views.magic, name="magic"),
]

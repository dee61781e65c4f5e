"""The assistant's chat page, under ``/chat/``."""

from django.urls import path

from madoguchi.conversations import views

app_name = "chat"
urlpatterns = [
    path("", views.chat_home, name="home"),
    path("send/", views.chat_send, name="send"),
    path("helped/", views.chat_helped, name="helped"),
    path("person/", views.chat_person, name="person"),
    path("restart/", views.chat_restart, name="restart"),
    path("thread/", views.chat_thread, name="thread"),
    path("start/", views.chat_start, name="start"),
    path("widget/", views.chat_widget, name="widget"),
    path("widget/start/", views.chat_widget_start, name="widget_start"),
]

from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "madoguchi.conversations"
    verbose_name = "Assistant conversations"

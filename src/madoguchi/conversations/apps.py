from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "madoguchi.conversations"
    verbose_name = "Assistant conversations"

    def ready(self) -> None:
        from madoguchi.conversations import signals

        signals.connect()  # live chat: wake the sockets after each committed write

from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "madoguchi.transparency"
    verbose_name = "Transparency log"

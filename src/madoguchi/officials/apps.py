from django.apps import AppConfig


class OfficialsConfig(AppConfig):
    name = "madoguchi.officials"
    verbose_name = "Official channels"

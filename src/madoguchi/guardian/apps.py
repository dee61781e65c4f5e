from django.apps import AppConfig


class GuardianConfig(AppConfig):
    name = "madoguchi.guardian"
    verbose_name = "Never-ask guard"

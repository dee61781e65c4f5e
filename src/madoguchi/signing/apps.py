from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "madoguchi.signing"
    verbose_name = "Signed replies"

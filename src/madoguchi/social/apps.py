from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "madoguchi.social"
    verbose_name = "LINE, Telegram and phone"

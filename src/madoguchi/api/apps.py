from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "madoguchi.api"
    label = "madoguchi_api"
    verbose_name = "API"

from django.apps import AppConfig


class ApiConfig(AppConfig):
    # Webhook deliveries are written by tickets.events.event_record, the one service every
    # ticket event goes through (no signals: every write goes through a service).
    name = "madoguchi.api"
    label = "madoguchi_api"
    verbose_name = "API"

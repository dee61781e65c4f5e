from django.apps import AppConfig


class AgentsConfig(AppConfig):
    name = "madoguchi.agents"
    verbose_name = "Agents and teams"

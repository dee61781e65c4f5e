from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "madoguchi.customers"
    verbose_name = "Customers"

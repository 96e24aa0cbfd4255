from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "openkp.api"
    label = "api"
    verbose_name = "API"

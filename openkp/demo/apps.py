from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "openkp.demo"
    label = "demo"
    verbose_name = "Demo"

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content and its loader: stands above every app, which it all imports."""

    name = "demo"
    verbose_name = "Demo content"

from django.apps import AppConfig


class AssetsRegistryConfig(AppConfig):
    name = "assets_registry"
    verbose_name = "Community spaces"

from django.apps import AppConfig


class AssetsRegistryConfig(AppConfig):
    name = "assets_registry"
    verbose_name = "Spaces"

    def ready(self):
        from assets_registry import signals  # noqa: F401  (spaces_changed, and its listeners)

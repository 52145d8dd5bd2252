from django.apps import AppConfig


class AssetsRegistryConfig(AppConfig):
    name = "assets_registry"
    verbose_name = "Community spaces"

    def ready(self):
        from assets_registry import signals  # noqa: F401  (connects the suggestion handler)

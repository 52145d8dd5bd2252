from django.apps import AppConfig


class AtlasConfig(AppConfig):
    name = "atlas"
    verbose_name = "Social-capital atlas"

    def ready(self):
        from atlas import signals  # noqa: F401  (places changed spaces in their areas)

from django.apps import AppConfig


class GeocodingConfig(AppConfig):
    name = "assets_registry.geocoding"
    label = "geocoding"
    verbose_name = "Geocoding and gazetteer"

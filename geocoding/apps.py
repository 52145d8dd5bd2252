from django.apps import AppConfig


class GeocodingConfig(AppConfig):
    name = "geocoding"
    label = "geocoding"
    verbose_name = "Geocoding and gazetteer"

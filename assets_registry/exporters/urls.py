"""Open-data downloads, mounted at the site root by config/urls.py (before the registry's pages)."""

from django.urls import path

from assets_registry.exporters import views

app_name = "open_data"
urlpatterns = [
    path("spaces.csv", views.spaces_csv, name="spaces_csv"),
    path("spaces/export.geojson", views.spaces_export_geojson, name="spaces_export_geojson"),
]

from django.urls import path, register_converter

from atlas import views
from atlas.models import AreaKind


class AreaKindConverter:
    """Only the kinds of area the atlas knows: /atlas/us_county/24510/."""

    regex = "|".join(AreaKind.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AreaKindConverter, "areakind")

app_name = "atlas"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("places/", views.pilot_index, name="pilots"),
    path("places/<slug:slug>/", views.pilot_detail, name="pilot"),
    path("map/<areakind:kind>.geojson", views.map_data, name="map"),
    path("<areakind:kind>/<str:code>/", views.area_detail, name="area"),
]

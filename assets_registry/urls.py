from django.urls import path

from assets_registry import views

app_name = "assets_registry"
urlpatterns = [
    path("spaces/", views.find, name="find"),
    path("spaces.geojson", views.geojson, name="geojson"),
    path("spaces/add/", views.add, name="add"),
    path("spaces/add/thanks/", views.add_thanks, name="add_thanks"),
    path("spaces/<slug:slug>/", views.detail, name="detail"),
    path("spaces/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("spaces/<slug:slug>/report-closed/", views.report_closed, name="report_closed"),
]

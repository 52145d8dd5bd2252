from django.urls import path

from assets_registry import views
from assets_registry.submission_views import submission_status_view

app_name = "assets_registry"
urlpatterns = [
    path("spaces/", views.find, name="find"),
    path("spaces.geojson", views.geojson, name="geojson"),
    path("spaces/add/", views.add, name="add"),
    path("spaces/add/thanks/", views.add_thanks, name="add_thanks"),
    path("spaces/submissions/<str:token>/", submission_status_view, name="submission_status"),
    path("spaces/<slug:slug>/", views.detail, name="detail"),
    path("spaces/<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("spaces/<slug:slug>/report-closed/", views.report_closed, name="report_closed"),
]

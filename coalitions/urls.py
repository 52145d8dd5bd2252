from django.urls import path

from coalitions import views

app_name = "coalitions"
urlpatterns = [
    path("coalitions/", views.index, name="index"),
    path("coalitions/compare/", views.compare, name="compare"),
    path("places/<slug:slug>/coalition/", views.detail, name="detail"),
    path("places/<slug:slug>/coalition/impact/", views.impact, name="impact"),
    path("places/<slug:slug>/coalition/impact.csv", views.impact_csv, name="impact_csv"),
    path("places/<slug:slug>/coalition/impact.json", views.impact_json, name="impact_json"),
    path("places/<slug:slug>/coalition/summary/", views.summary_latest, name="summary_latest"),
    path("places/<slug:slug>/coalition/summary/<int:year>/", views.summary, name="summary"),
]

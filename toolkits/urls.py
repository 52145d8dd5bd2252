"""Theme pages. Toolkits, case studies, their feed and 'Share a case study' are Wagtail pages
(see models.py); these URLs are mounted before Wagtail's page serving."""

from django.urls import path

from toolkits import views

app_name = "toolkits"
urlpatterns = [
    path("themes/", views.theme_index, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
]

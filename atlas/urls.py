from django.urls import path

from home.views import section_placeholder

app_name = "atlas"
urlpatterns = [path("", section_placeholder, {"title": "Social-capital atlas"}, name="index")]

from django.urls import path

from home.views import section_placeholder

app_name = "search"
urlpatterns = [path("", section_placeholder, {"title": "Search"}, name="search")]

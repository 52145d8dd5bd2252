from django.urls import path

from home.views import section_placeholder

app_name = "assets_registry"
urlpatterns = [path("spaces/", section_placeholder, {"title": "Find a space"}, name="find")]

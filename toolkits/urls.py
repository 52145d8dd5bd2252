app_name = "toolkits"
urlpatterns: list = []

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import signals  # noqa: F401  (reindexes a page once its publication is complete)

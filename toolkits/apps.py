from django.apps import AppConfig


class ToolkitsConfig(AppConfig):
    name = "toolkits"
    verbose_name = "Toolkits and case studies"

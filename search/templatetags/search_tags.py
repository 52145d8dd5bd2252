from urllib.parse import urlencode

from django import template

register = template.Library()


@register.filter
def urlencode_dict(params: dict) -> str:
    """``{"q": "choir", "theme": ["a", "b"]}`` -> ``q=choir&theme=a&theme=b``."""
    return urlencode(params, doseq=True)

from django import template

from wagtail.models import Site

from home.models import DEFAULT_NAVIGATION, NavigationSettings

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    links = NavigationSettings.for_site(site).menu() if site else DEFAULT_NAVIGATION
    path = request.path if request else ""
    items = [{**link, "current": link["url"] != "/" and path.startswith(link["url"])} for link in links]
    return {"links": items}

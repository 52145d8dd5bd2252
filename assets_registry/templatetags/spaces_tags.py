from django import template

from assets_registry.locating import position_in_words

register = template.Library()

SOURCES = {
    "gla-cim": "Greater London Authority Cultural Infrastructure Map (OGL v3)",
    "osm": "OpenStreetMap contributors (ODbL)",
    "resident": "Added by a resident, checked by a moderator",
}


@register.filter
def distance(metres, country="GB"):
    """'350 m' / '1.2 km'; US spaces get miles too."""
    if metres is None:
        return ""
    metres = float(metres)
    text = f"{round(metres / 10) * 10:.0f} m" if metres < 1000 else f"{metres / 1000:.1f} km"
    if country == "US":
        text += f" ({metres / 1609.344:.1f} miles)"
    return text


@register.filter
def position_words(asset):
    """Where the map position came from, in plain words."""
    return position_in_words(asset.location_basis, asset.location_precision)


@register.filter
def data_source_label(value):
    return SOURCES.get(value, value)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current query string with another page number (filters kept)."""
    params = context["request"].GET.copy()
    params["page"] = str(number)
    return f"?{params.urlencode()}"


@register.filter
def fact_value(value):
    """A field's value for people: yes/no facts read "yes", "no" or "not known" (None is not
    "no"); anything else is shown as it is."""
    if value is None:
        return "not known"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value

from django import template

register = template.Library()


@register.filter
def atlas_number(value) -> str:
    """Indicator values: three decimals for ratios and shares, fewer for big numbers."""
    if value is None:
        return ""
    value = float(value)
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:.3f}"


@register.filter
def atlas_int(value) -> str:
    return "" if value is None else f"{int(value):,}"


@register.filter
def as_list(value) -> list:
    return [value]


@register.filter
def ordinal_percentile(value) -> str:
    """48.7 -> '49th'."""
    if value is None:
        return ""
    if float(value) < 0.5:
        return "under 1st"
    n = round(float(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

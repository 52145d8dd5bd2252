"""Small builders for demo StreamField content, so the demo text reads as text."""

from __future__ import annotations


def section(heading: str, html: str) -> tuple:
    return ("section", {"heading": heading, "body": html})


def paragraph(html: str) -> tuple:
    return ("paragraph", html)


def steps(heading: str, items: list[tuple[str, str, str]]) -> tuple:
    return (
        "steps",
        {
            "heading": heading,
            "steps": [{"title": title, "body": body, "time_needed": time} for title, body, time in items],
        },
    )


def callout(kind: str, title: str, html: str) -> tuple:
    return ("callout", {"kind": kind, "title": title, "body": html})


def quote(text: str, attribution: str, role: str = "") -> tuple:
    return ("quote", {"quote": text, "attribution": attribution, "role": role})


def table(caption: str, rows: list[list[str]], *, first_col_is_header: bool = False) -> tuple:
    return (
        "table",
        {
            "table_caption": caption,
            "first_row_is_table_header": True,
            "first_col_is_header": first_col_is_header,
            "data": rows,
        },
    )


def measure(name: str, before: float | None, after: float, unit: str, source: str) -> dict:
    return {"measure": name, "before": before, "after": after, "unit": unit, "source": source}


def outcomes_table(caption: str, measures: list[dict]) -> tuple:
    return ("outcomes", {"caption": caption, "measures": measures})


def partner(name: str, role: str = "", url: str = "") -> tuple:
    return ("partner", {"name": name, "role": role, "url": url})

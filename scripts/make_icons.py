"""Rasterise static/icons/favicon.svg into favicon.ico (16, 32, 48 px) and apple-touch-icon.png
(180 px, square: iOS rounds the corners itself). Run once after changing the SVG, then commit:

    .venv/bin/python scripts/make_icons.py

Chromium draws the SVG (as the browser will) and Pillow writes the .ico container.
"""

import io
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "static" / "icons"


def render(svg: str, size: int, page) -> Image.Image:
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        f'<body style="margin:0"><img src="data:image/svg+xml,{svg}" width="{size}" height="{size}"></body>'
    )
    return Image.open(io.BytesIO(page.screenshot(omit_background=True))).convert("RGBA")


def main() -> None:
    svg = (ICONS / "favicon.svg").read_text(encoding="utf-8").replace("#", "%23").replace('"', "'")
    square = svg.replace("rx='6' ", "")  # full-bleed background for the touch icon
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        sizes = [16, 32, 48]
        frames = [render(svg, size, page) for size in sizes]
        frames[-1].save(ICONS / "favicon.ico", sizes=[(s, s) for s in sizes], append_images=frames[:-1])
        render(square, 180, page).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)
        browser.close()


if __name__ == "__main__":
    main()

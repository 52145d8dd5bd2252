"""The progress bar every importer stage draws (tqdm)."""

from __future__ import annotations

import sys
from collections.abc import Iterable


def progress_stream(stdout=None):
    """Where tqdm should draw: the raw stream under a management command's OutputWrapper (which
    would end every redraw with a newline), or stderr."""
    return getattr(stdout, "_out", stdout) or sys.stderr


def progress_bar(
    iterable: Iterable | None = None,
    *,
    desc: str,
    total: int | None = None,
    unit: str = " rows",
    enabled: bool = True,
    stdout=None,
):
    from tqdm import tqdm

    stream = progress_stream(stdout)
    return tqdm(iterable, desc=desc, total=total, unit=unit, disable=not enabled, file=stream)

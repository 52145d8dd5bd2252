"""What every benchmark records about the machine it ran on."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def load_average() -> str:
    """The machine is shared: the load average says how much else was running."""
    return "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def describe(*, load: bool = True) -> str:
    """CPU model and count, memory, system and Python (and the load average unless ``load=False``)."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    text = f"{cpu}, {os.cpu_count()} CPUs{memory}, {system}"
    return f"{text}; load average {load_average()}" if load else text

"""The demo, loaded as `load_demo` loads it, and exported as an HSDS package: what the validity and
round-trip tests share."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import OutputWrapper

from assets_registry import demo


def load_demo_spaces() -> None:
    """Ealing's extracts and the US pilot places (placed by ZIP code: the gazetteer fixture has
    some of their ZIPs; rows whose ZIP it lacks are rejected, as without a gazetteer)."""
    out = OutputWrapper(StringIO())
    for source in demo.SOURCES:
        demo.import_source(*source, stdout=out)
    demo.load_us_pilots(stdout=out)


def export_package(folder: Path) -> Path:
    call_command("export_hsds", "--output", str(folder), verbosity=0)
    return folder

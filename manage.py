#!/usr/bin/env python
"""Django's command-line utility for Connected Places Hub."""

import os
import sys
from pathlib import Path

# The site shell lives in site/, which cannot be a package (Python's own `site` module owns that
# name), so its folder goes on the import path: `config` and `home` are imported from there.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

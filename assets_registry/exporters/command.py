"""What the export commands share: an output file, optional find-a-space filters, a base URL."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assets_registry import selectors


class ExportCommand(BaseCommand):
    # A command that writes a folder, not one file, says so and makes --output required.
    output_help = "File to write (default: standard output)."
    output_required = False
    output_metavar = "FILE"

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            required=self.output_required,
            metavar=self.output_metavar,
            help=self.output_help,
        )
        parser.add_argument(
            "--query",
            default="",
            help="Only the spaces find-a-space lists for these query parameters, e.g. "
            "'category=library&district=E09000009' (default: every published space, closed ones too).",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Site address for the spaces' page URLs (default: WAGTAILADMIN_BASE_URL).",
        )

    def filters(self, options):
        if not options["query"]:
            return None
        try:
            return selectors.filters_from_params(parse_qs(options["query"], keep_blank_values=True))
        except selectors.FilterError as error:
            raise CommandError(f"Bad --query: {error}") from error

    def base_url(self, options) -> str:
        return (options["base_url"] or settings.WAGTAILADMIN_BASE_URL).rstrip("/") + "/"

    def write(self, pieces, output: Path | None) -> None:
        if output is None:
            for piece in pieces:
                sys.stdout.write(piece)
            return
        with output.open("w", encoding="utf-8", newline="") as handle:
            for piece in pieces:
                handle.write(piece)
        self.stderr.write(f"Wrote {output}")

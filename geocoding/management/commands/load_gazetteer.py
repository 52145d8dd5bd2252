from django.core.management.base import BaseCommand, CommandError

from geocoding.loaders import DATA_NAMES, PILOT_AREAS, SOURCES, load_gazetteer


class Command(BaseCommand):
    help = (
        "Load the offline gazetteer (GB postcodes and districts, US ZIP codes, GB and US places) from "
        "the data that installed packages carry. Idempotent: a source already loaded at the same "
        "version is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            default="",
            help=f"Comma-separated sources to load (default: all): {', '.join(SOURCES)}.",
        )
        parser.add_argument(
            "--areas",
            default="",
            help=(
                "Comma-separated GSS codes of local authorities or counties: load only their GB postcodes "
                "(districts, ZIPs and places are always complete). 'pilot' means "
                f"{','.join(sorted(PILOT_AREAS))}."
            ),
        )
        parser.add_argument(
            "--data",
            action="append",
            default=[],
            metavar="NAME=PATH",
            help=(
                "Read one data set from PATH instead of the installed package, e.g. a newer Code-Point "
                f"Open: --data codepoint=/downloads/codepo_gb.zip. Names: {', '.join(DATA_NAMES)}."
            ),
        )
        parser.add_argument(
            "--force", action="store_true", help="Reload even when already at the same version."
        )

    def handle(self, *args, **options):
        only = [slug.strip() for slug in options["only"].split(",") if slug.strip()]
        areas = [a.strip() for a in options["areas"].split(",") if a.strip()]
        if [a.lower() for a in areas] == ["pilot"]:
            areas = sorted(PILOT_AREAS)
        paths = {}
        for item in options["data"]:
            name, sep, path = item.partition("=")
            if not sep or not name or not path:
                raise CommandError(f"--data takes NAME=PATH, not {item!r}.")
            if name not in DATA_NAMES:
                raise CommandError(f"Unknown data name {name!r}. Names: {', '.join(DATA_NAMES)}.")
            paths[name] = path
        try:
            reports = load_gazetteer(
                only=only or None, areas=areas, force=options["force"], paths=paths or None
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        for report in reports:
            if report.skipped:
                self.stdout.write(f"{report.source}: already loaded ({report.version}), skipped.")
            else:
                self.stdout.write(
                    self.style.SUCCESS(f"{report.source}: {report.rows:,} rows in {report.seconds:.1f} s")
                    + f" ({report.version})"
                )

from importlib import import_module

from django.core.management.base import BaseCommand

from home import page_cache

# Each part of the platform contributes its demo content through `<app>.demo.load(stdout=...)`.
# Order matters: toolkits link to spaces, the atlas counts spaces, coalitions build on the atlas's
# pilot places, the registry and the toolkits, the connection survey on Ealing's coalition and
# spaces, search indexes everything.
DEMO_LOADERS = [
    "home.demo",
    "geocoding.demo",
    "assets_registry.demo",
    "toolkits.demo",
    "atlas.demo",
    "coalitions.demo",
    "connections.demo",
    "search.demo",
]


class Command(BaseCommand):
    help = "Build the demo site. Idempotent: running it twice gives the same site."

    def handle(self, *args, **options):
        for module_name in DEMO_LOADERS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo: {module_name.split('.')[0]}"))
            module.load(stdout=self.stdout)
        page_cache.content_changed("demo loaded")  # bulk writes send no signals of their own
        self.stdout.write(self.style.SUCCESS("Demo site loaded."))

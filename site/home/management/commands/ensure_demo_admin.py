from django.core.management.base import BaseCommand

from assets_registry.demo_logins import VAR, DemoLogins
from coalitions.demo import LOGINS as COALITION_LOGINS
from connections.demo import LOGINS as RESEARCHER_LOGINS
from toolkits.demo_content import FELLOW_LOGINS

ADMIN_LOGINS = DemoLogins("Demo admin", VAR / "demo-admin.txt")
# Printed after the admin's, so that `make run` ends with every way into the demo.
OTHER_LOGINS = [FELLOW_LOGINS, COALITION_LOGINS, RESEARCHER_LOGINS]


class Command(BaseCommand):
    help = (
        "Create the demo admin account once (random password, kept in var/) and print how to sign in "
        "as it and as the demo's other accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, username, url, **options):
        admin, _created = ADMIN_LOGINS.account(
            username, email="admin@localhost", is_staff=True, is_superuser=True
        )
        self.stdout.write(self.style.SUCCESS(f"Site:   {url}/"))
        self.stdout.write(self.style.SUCCESS(f"Admin:  {url}/admin/"))
        self.stdout.write(
            self.style.SUCCESS(f"{ADMIN_LOGINS.label}: {ADMIN_LOGINS.sign_in(admin, site_url=url)}")
        )
        for logins in OTHER_LOGINS:
            for line in logins.sign_in_lines(site_url=url):
                self.stdout.write(line)

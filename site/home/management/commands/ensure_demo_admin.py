import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "demo-admin.txt"


class Command(BaseCommand):
    help = "Create the demo admin account once (random password, kept in var/) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args, username, url, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if CREDENTIALS_FILE.exists() and user is not None:
            password = CREDENTIALS_FILE.read_text().split(":", 1)[1].strip()
            if not user.check_password(password):
                password = None
        else:
            password = secrets.token_urlsafe(12)
            if user is None:
                User.objects.create_superuser(username, "admin@localhost", password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
            CREDENTIALS_FILE.write_text(f"{username}:{password}\n")
        self.stdout.write(self.style.SUCCESS(f"Site:   {url}/"))
        self.stdout.write(self.style.SUCCESS(f"Admin:  {url}/admin/"))
        if password:
            self.stdout.write(self.style.SUCCESS(f"Log in: {username} / {password}"))
        else:
            self.stdout.write(
                f"Log in: {username} (password changed since; see `manage.py changepassword {username}`)"
            )

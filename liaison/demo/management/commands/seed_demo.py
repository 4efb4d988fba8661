from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from liaison.demo.registry import registry as demo
from liaison.reference.registry import registry as reference
from liaison.reference.registry import run


class Command(BaseCommand):
    help = "Create demo users and realistic demo records. Safe to run again; for local use only."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never on a real database).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DEBUG is off: demo data is for local use. Use --force if you really mean it.")
        log = lambda line: self.stdout.write(f"  {line}")  # noqa: E731
        run(reference, log=log)
        run(demo, log=log)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

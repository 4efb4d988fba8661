from django.core.management.base import BaseCommand

from liaison.reference.registry import registry, run


class Command(BaseCommand):
    help = "Load the reference data (SDGs, themes, states, local authorities, organisations). Safe to run again."

    def handle(self, *args, **options):
        run(registry, log=lambda line: self.stdout.write(f"  {line}"))
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))

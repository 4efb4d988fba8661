"""Rebuild the lists of likely duplicate people and organisations (contacts/duplicates), in PostgreSQL."""

import time

from django.core.management.base import BaseCommand

from contacts.duplicates import finder


class Command(BaseCommand):
    help = "Find the likely duplicate people and organisations again (pairs marked not duplicates stay hidden)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=["people", "organisations"], help="only this kind (default: both)")

    def handle(self, *args, **options):
        for kind, rebuild in (("people", finder.rebuild_people), ("organisations", finder.rebuild_organisations)):
            if options["kind"] not in (None, kind):
                continue
            started = time.perf_counter()
            pairs = rebuild()
            self.stdout.write(f"{kind}: {pairs} likely duplicate pairs ({time.perf_counter() - started:.1f} s)")

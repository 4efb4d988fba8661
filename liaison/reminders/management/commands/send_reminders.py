import logging
import time

from django.core.management.base import BaseCommand

from liaison.reminders.sweep import sweep

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the reminder sweep once (for cron or setups without a broker), or every N seconds with --every."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Sweep again every this many seconds, until stopped.")

    def handle(self, *args, every=0, verbosity=1, **options):
        while True:
            try:
                result = sweep()
            except Exception:  # the loop beside the server keeps going after a bad minute
                if not every:
                    raise
                logger.exception("reminder sweep failed")
            else:
                if verbosity > 1 or (verbosity and any(result.as_dict().values())):
                    self.stdout.write(f"reminders: {result.as_dict()}")
                if result.errors:
                    self.stderr.write(f"reminder sources that failed (see the log): {', '.join(result.errors)}")
            if not every:
                return
            time.sleep(every)

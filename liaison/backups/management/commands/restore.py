from pathlib import Path

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from liaison.backups.archive import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore an archive of `manage.py backup` into an empty database (the configured one, or --database-url)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database-url", help="Restore into this database instead (e.g. to test a restore).")
        parser.add_argument("--media-root", help="Restore the documents here instead of MEDIA_ROOT.")
        parser.add_argument(
            "--force", action="store_true", help="Replace the contents of a database that is not empty."
        )

    def handle(self, *args, archive, database_url=None, media_root=None, force=False, **options):
        database = environ.Env.db_url_config(database_url) if database_url else connection.settings_dict
        try:
            backup_restore(
                archive=Path(archive),
                database=database,
                media_root=Path(media_root or settings.MEDIA_ROOT),
                force=force,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"restored {archive} into {database['NAME']}")

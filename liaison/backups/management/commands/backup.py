from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from liaison.backups.archive import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and the uploaded documents into one dated archive."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(settings.BACKUP_DIR), help="Where archives are kept.")
        parser.add_argument("--keep-days", type=int, default=settings.BACKUP_KEEP_DAYS, help="Remove older ones.")

    def handle(self, *args, directory, keep_days, **options):
        try:
            archive = backup_create(
                database=connection.settings_dict,
                media_root=Path(settings.MEDIA_ROOT),
                directory=Path(directory),
                keep_days=keep_days,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))

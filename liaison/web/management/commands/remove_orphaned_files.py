"""Removes the files in MEDIA_ROOT that no FileField of any record names (left by a crash, a restore, a bug)."""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from liaison.web.uploads import project_file_fields


def referenced_paths() -> set[Path]:
    """The absolute path of every file a record's FileField names."""
    paths = set()
    for model, field in project_file_fields():
        names = model._base_manager.exclude(**{field.attname: ""}).exclude(**{f"{field.attname}__isnull": True})
        for name in names.values_list(field.attname, flat=True).distinct().iterator():
            paths.add(Path(field.storage.path(name)).resolve())
    return paths


def orphaned_files(min_age_seconds: int) -> list[Path]:
    """Files under MEDIA_ROOT named by no record, older than `min_age_seconds` (an upload being saved is not)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    if not root.is_dir():
        return []
    keep = referenced_paths()
    backups = Path(settings.BACKUP_DIR).resolve()
    newest = time.time() - min_age_seconds
    orphans = []
    for directory, _dirs, files in os.walk(root):
        if Path(directory).resolve().is_relative_to(backups):
            continue  # backups kept inside MEDIA_ROOT are no record's files, and not orphans either
        for name in files:
            path = Path(directory, name).resolve()
            if path not in keep and path.stat().st_mtime < newest:
                orphans.append(path)
    return sorted(orphans)


class Command(BaseCommand):
    help = "Delete the files in MEDIA_ROOT that no record refers to (--dry-run lists them without deleting)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the orphaned files; delete nothing.")
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="Leave files younger than this (an upload whose record is still being saved). Default 60.",
        )

    def handle(self, *args, dry_run=False, min_age_minutes=60, **options):
        orphans = orphaned_files(min_age_minutes * 60)
        size = 0
        for path in orphans:
            size += path.stat().st_size
            self.stdout.write(("would delete " if dry_run else "deleted ") + str(path))
            if not dry_run:
                path.unlink()
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{len(orphans)} orphaned files ({filesizeformat(size)}) {verb}.")

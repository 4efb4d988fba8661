"""Backup → restore into a new database → the same rows, the same files; and nothing is sent twice after."""

import os
import subprocess
import sys
from datetime import date

import psycopg2
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg2 import sql

from contacts.tests.factories import InteractionFactory
from liaison.backups.archive import backup_create, connection_params, sha256
from liaison.reminders.models import Reminder
from liaison.reminders.sweep import sweep
from liaison.reminders.tests.conftest import prefer

pytestmark = pytest.mark.django_db(transaction=True)


def fingerprints(params) -> dict:
    """Every table's row count and a checksum of its rows, in a stable order."""
    with psycopg2.connect(**{k: v for k, v in params.items() if v}) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        found = {}
        for table in tables:
            query = "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {} t"
            cursor.execute(sql.SQL(query).format(sql.Identifier(table)))
            found[table] = cursor.fetchone()
    return found


@pytest.fixture
def empty_database():
    params = connection_params(connection.settings_dict)
    name = f"{params['dbname']}_restore"
    admin = psycopg2.connect(**{k: v for k, v in {**params, "dbname": "postgres"}.items() if v})
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield {**params, "dbname": name}
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def url(params):
    return f"postgres://{params['user']}@/{params['dbname']}?host={params['host']}&port={params['port']}"


def test_a_backup_restores_the_same_rows_and_files_and_sends_nothing_again(officer, empty_database, tmp_path):
    call_command("seed_demo", force=True, verbosity=0)
    prefer(officer)
    InteractionFactory(subject="Send the LOI", author=officer, follow_up_date=date.today())
    sweep()
    assert any(message.to == [officer.email] for message in mail.outbox)
    documents = settings.MEDIA_ROOT / "documents"
    documents.mkdir(parents=True)
    (documents / "mou.pdf").write_bytes(b"%PDF-1.7 signed MOU")

    call_command("backup", directory=str(tmp_path / "backups"), verbosity=0)
    (archive,) = (tmp_path / "backups").glob("liaison-*.tar.gz")
    assert (tmp_path / "backups" / f"{archive.name}.sha256").read_text().split()[0] == sha256(archive)

    restored_media = tmp_path / "restored-media"
    call_command("restore", str(archive), database_url=url(empty_database), media_root=str(restored_media), verbosity=0)

    source = fingerprints(connection_params(connection.settings_dict))
    assert fingerprints(empty_database) == source
    assert source["contacts_person"][0] > 0 and source["reminders_reminder"][0] >= 1
    assert (restored_media / "documents" / "mou.pdf").read_bytes() == b"%PDF-1.7 signed MOU"

    # A sweep right after the restore finds every reminder claimed and sent already.
    outbox = tmp_path / "outbox"
    env = {**os.environ, "DATABASE_URL": url(empty_database), "EMAIL_URL": f"filemail:///{outbox}", "REDIS_URL": ""}
    subprocess.run(
        [sys.executable, "manage.py", "send_reminders"], cwd=settings.BASE_DIR, env=env, check=True, timeout=120
    )
    assert not outbox.exists() or not list(outbox.iterdir())
    assert Reminder.objects.filter(state="sent").count() >= 1


def test_restore_refuses_a_database_that_is_not_empty(db, tmp_path):
    call_command("backup", directory=str(tmp_path), verbosity=0)
    (archive,) = tmp_path.glob("liaison-*.tar.gz")

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(archive), verbosity=0)


def test_a_damaged_archive_is_refused(db, tmp_path, empty_database):
    call_command("backup", directory=str(tmp_path), verbosity=0)
    (archive,) = tmp_path.glob("liaison-*.tar.gz")
    with open(archive, "ab") as handle:
        handle.write(b"garbage")

    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(archive), database_url=url(empty_database), verbosity=0)


def test_old_archives_are_removed(db, tmp_path):
    old = tmp_path / "liaison-20200101-020000.tar.gz"
    old.write_bytes(b"old")
    (tmp_path / f"{old.name}.sha256").write_text("x  old\n")

    archive = backup_create(
        database=connection.settings_dict, media_root=tmp_path / "none", directory=tmp_path, keep_days=14
    )

    assert archive.exists() and not old.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == [archive.name, f"{archive.name}.sha256"]

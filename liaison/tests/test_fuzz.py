"""Hostile input over every URL pattern, for each role: no request may end in a server error.

The walk's cases (walk.py) give each pattern its records and arguments. For each pattern the fuzz then sends
hostile path ids, hostile values in the query for every field of the page's forms, and POSTs every form of the
page filled with hostile values. `make test` sends a sample (fixed seed, a few requests a pattern); `make fuzz`
(FUZZ=full) sends every hostile value for every role and prints how many requests it sent.
"""

import os
import random
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.urls import reverse

from conftest import login
from liaison.tests.test_url_walk import ADMIN_NAMES, APP_NAMES, CASES, PATTERNS, admin_url
from liaison.tests.test_url_walk import users as users  # the fixture

FULL = os.environ.get("FUZZ") == "full"
SEED = 13
HOSTILE = [
    "abc",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "2027-02-30",
    "0001-01",
    "9999-12",
    "a\x00b",
    "\x00",
    "line\r\nbreak",
    "x" * 10_000,
    "Ω中文தமிழ்\u202e🙂",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    '=HYPERLINK("x")',
    "%",
    " ",
    "",
]
HOSTILE_IDS = ["0", "99999999999999999999999", "2147483648"]
HOSTILE_ADMIN_IDS = ["abc", "-1", "99999999999999999999999", "a%00b", "%C3%A9", "x" * 300]
NEVER_POST = {"logout", "admin:logout"}  # would log the fuzzing user out


class Forms(HTMLParser):
    """The forms of a page: method, action and field names."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": []}
            )
        elif (
            tag in ("input", "select", "textarea")
            and self.forms
            and attrs.get("name", "csrfmiddlewaretoken") != "csrfmiddlewaretoken"
        ):
            self.forms[-1]["fields"].append(attrs["name"])


def page_forms(response):
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = Forms()
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


class Fuzzer:
    def __init__(self, client, users):
        self.client, self.users = client, users
        self.rng = random.Random(SEED)
        self.sent = 0
        self.failures = []

    def login(self, role):
        self.client.logout()
        if self.users[role] is not None:
            login(self.client, self.users[role])

    def send(self, method, url, data=None):
        """One request in its own savepoint, so a database error is reported and the next request goes on."""
        self.sent += 1
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(url, data)
                if response.streaming:
                    b"".join(response.streaming_content)
        except Exception as error:  # the test client re-raises a view's exception: that is a 500
            self.failures.append(f"{method.upper()} {url[:200]!r} {data and str(data)[:200]!r}: {error!r}"[:600])
            return None
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url[:200]!r}: {response.status_code}")
        return response

    def values(self, count):
        return HOSTILE if FULL else self.rng.sample(HOSTILE, count)

    def hostile(self, fields, value):
        return {field: value if value is not None else self.rng.choice(HOSTILE) for field in fields}

    def fuzz_page(self, name, url, method="get"):
        response = self.send(method, url) if method == "get" else None
        for form in page_forms(response) if response is not None else []:
            target = form["action"] or url.split("?")[0]
            if not target.startswith("/"):
                continue
            for value in self.values(2):
                data = self.hostile(form["fields"], value if FULL else None)
                if form["method"] == "post":
                    if name not in NEVER_POST:
                        self.send("post", target, data)
                else:
                    self.send("get", f"{target}?{urlencode(data)}")

    def fuzz_pattern(self, name):
        case = CASES[name]
        roles = [role for role, expected in case.expect.items() if expected != "login"] or ["anonymous"]
        for role in roles if FULL else [self.rng.choice(roles)]:
            self.login(role)
            kwargs = case.kwargs(self.users)
            url = reverse(name, kwargs=kwargs)
            if case.method == "get":
                for query in (case.query, *case.also):
                    self.fuzz_page(name, url + query)
            elif name not in NEVER_POST:
                self.send("post", url, case.data(self.users) if case.data else None)
            int_args = [key for key, value in kwargs.items() if isinstance(value, int)]
            for key in int_args:
                for bad in HOSTILE_IDS if FULL else self.rng.sample(HOSTILE_IDS, 1):
                    self.send(case.method, reverse(name, kwargs={**kwargs, key: bad}))
            for key in (k for k in kwargs if k not in int_args):
                for bad in HOSTILE if FULL else self.rng.sample(HOSTILE, 2):
                    if bad and "/" not in bad:
                        self.send(case.method, url.replace(str(kwargs[key]), _quote(bad)))

    def fuzz_admin(self, name):
        url = admin_url(name)
        if "/0/" not in url:
            if name.endswith("_changelist"):
                for value in self.values(1):
                    self.send("get", f"{url}?{urlencode({'q': value, 'o': value, 'p': value})}")
            return
        for bad in HOSTILE_ADMIN_IDS if FULL else self.rng.sample(HOSTILE_ADMIN_IDS, 1):
            self.send("get", url.replace("/0/", f"/{bad}/"))


def _quote(value):
    return re.sub(r"[^A-Za-z0-9._~-]", lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)


@pytest.mark.django_db
def test_no_hostile_request_ends_in_a_server_error(client, users, capsys):
    fuzzer = Fuzzer(client, users)
    for name in APP_NAMES:
        fuzzer.fuzz_pattern(name)
    fuzzer.login("administrator")
    for name in ADMIN_NAMES if FULL else random.Random(SEED).sample(ADMIN_NAMES, len(ADMIN_NAMES) // 4):
        if PATTERNS[name] is not None and name not in NEVER_POST:
            fuzzer.fuzz_admin(name)
    with capsys.disabled():
        print(
            f"\nfuzz: {fuzzer.sent} requests over {len(APP_NAMES)} patterns and the admin, {len(fuzzer.failures)} 500s"
        )
    # One example of each distinct error, the rest counted.
    causes = {}
    for failure in fuzzer.failures:
        causes.setdefault(failure.rsplit(": ", 1)[-1], failure)
    assert not fuzzer.failures, "\n".join(list(causes.values())[:40])

"""Every page reads Malay to a Malay reader: no interface string and no reference name left in English.

On the demo data plus the records each URL case of the walk builds, every page an officer (and a supervisor)
can GET is read with Malay as the language. Its visible text (text nodes and the title, placeholder, aria-label
and alt attributes; not what is marked translate="no" or lang="en", such as a spreadsheet's own headers) is
compared with

- the English msgids of the application's catalogue whose Malay translation differs (a whole text equal to one);
- the English strings of libraries, translated in our catalogue (THIRD_PARTY_MESSAGES), e.g. "(descending)";
- the English names of the SDGs, states and themes whose Malay name differs (as a whole text, or ending one).

A page naming one of them fails the test, with the page and the strings.
"""

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from conftest import login
from liaison.reference.models import SDG, State, Theme
from liaison.tests.test_url_walk import CASES
from liaison.web.filters import THIRD_PARTY_MESSAGES

CATALOGUE = Path(settings.BASE_DIR) / "liaison" / "locale" / "ms" / "LC_MESSAGES" / "django.mo"
PLACEHOLDER = re.compile(r"%(\(\w+\))?[sd]|\{\w*\}")
# Words that are the same in both languages or proper names, whatever the catalogue says.
SAME_IN_MALAY = {"OK", "PDF", "CSV", "Excel", "iCal", "API", "SDG", "SDGs", "E-mail", "Liaison"}
# Pages that are not the interface: files, feeds, the API and health checks; POST-only pages are skipped too.
NOT_PAGES = re.compile(r"(export|feed|ical|\.ics|api:|healthz|favicon|download|pdf|vcard|docx|xlsx|csv|brief|file)")


def malay_catalogue() -> dict[str, str]:
    with CATALOGUE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    return {(k[0] if isinstance(k, tuple) else k): v for k, v in catalogue.items() if k}


def english_strings() -> set[str]:
    english = set()
    for msgid, msgstr in malay_catalogue().items():
        msgid = msgid.split("\x04")[-1]  # context
        for text in msgid.split("\x00"):  # plural forms
            text = " ".join(text.split())
            if len(text) < 3 or PLACEHOLDER.search(text) or text == " ".join(msgstr.split()) or text in SAME_IN_MALAY:
                continue
            english.add(text)
    return english


def english_reference_names() -> set[str]:
    names = {sdg.title for sdg in SDG.objects.exclude(title_ms="") if sdg.title != sdg.title_ms}
    names |= {state.name for state in State.objects.all() if state.name != state.name_ms}
    names |= {theme.name for theme in Theme.objects.exclude(name_ms="") if theme.name != theme.name_ms}
    return names


class VisibleText(HTMLParser):
    ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
    SKIPPED = {"script", "style", "template", "code", "pre"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "embed", "param", "track"}

    def __init__(self):
        super().__init__()
        self.texts, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        skip = tag in self.SKIPPED or (attrs.get("lang") or "").startswith("en") or attrs.get("translate") == "no"
        if tag not in self.VOID:
            self.stack.append(skip)
        if not any(self.stack) and not skip:
            self.texts += [attrs[name] for name in self.ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not any(self.stack) and data.strip():
            self.texts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts]


def english_on(html, strings, names) -> set[str]:
    found = set()
    for text in visible_texts(html):
        bare = text.strip(" :*·()")
        if text in strings or bare in strings:
            found.add(text)
        if any(fragment in text for fragment in THIRD_PARTY_ENGLISH):
            found.add(text)
        # A reference name is a whole text (an option, a cell, a badge), or ends one ("SDG 13: Climate Action");
        # inside a sentence it is an officer's own words ("Budgeting in Penang").
        if any(text == name or text.endswith(f": {name}") for name in names):
            found.add(text)
    return found


# The English of the libraries' strings around a value ("%s (descending)" → "(descending)").
THIRD_PARTY_ENGLISH = {message.replace("%s", "").strip() for message in THIRD_PARTY_MESSAGES if "%s" in message}


@pytest.fixture
def users(db, outsider):
    """The demo's data and its officer, supervisor and administrator, as the URL cases expect them."""
    call_command("seed_demo", force=True, verbosity=0)
    demo = get_user_model().objects.in_bulk(["officer", "supervisor", "admin"], field_name="username")
    return {
        "officer": demo["officer"],
        "supervisor": demo["supervisor"],
        "administrator": demo["admin"],
        "outsider": outsider,
    }


def malay_client(client, user):
    login(client, user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ms"
    return client


def urls_to_read(users, role):
    for name, case in sorted(CASES.items()):
        if case.method != "get" or case.expect.get(role) != 200 or NOT_PAGES.search(name):
            continue
        yield name, reverse(name, kwargs=case.kwargs(users)) + case.query


@pytest.mark.parametrize("role", ["officer", "supervisor"])
def test_every_page_reads_malay(client, users, role):
    malay_client(client, users[role])
    strings, names = english_strings(), english_reference_names()
    assert len(strings) > 500 and "Climate Action" in names and "Penang" in names  # the test has teeth
    english, read = {}, 0
    for name, url in urls_to_read(users, role):
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        read += 1
        if found := english_on(response.content.decode(), strings, names):
            english[f"{name} {url}"] = sorted(found)
    assert read > {"officer": 60, "supervisor": 30}[role]
    assert not english, "English on Malay pages:\n" + "\n".join(f"{page}: {found}" for page, found in english.items())


@pytest.mark.parametrize("debug", [False, True])
def test_error_pages_are_in_the_application_layout_and_malay(client, settings, officer, outsider, debug):
    settings.DEBUG = debug
    strings = english_strings()
    for user, name in ((officer, "Aminah"), (outsider, "Farid")):  # not "Officer", a word of the interface
        user.first_name = name
        user.save()
    malay_client(client, officer)
    for url in ("/no/such/page/", reverse("contacts:person_detail", args=[999999])):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404, url
        assert 'class="navbar' in html and "Halaman tidak dijumpai" in html, url  # our layout, not Django's list
        assert "URLconf" not in html and not english_on(html, strings, set()), url
    malay_client(client, outsider)
    response = client.get(reverse("contacts:person_list"))
    html = response.content.decode()
    assert response.status_code == 403
    assert 'class="navbar' in html and "Anda tidak dibenarkan melakukan ini" in html
    assert not english_on(html, strings, set())


def test_the_check_finds_english():
    strings = {"Owner", "Any"}
    html = '<p>Pemilik</p><select><option>Any</option></select><a title="Owner">x</a><th>Nama (descending)</th>'
    assert english_on(html, strings, {"Climate Action"}) == {"Any", "Owner", "Nama (descending)"}
    assert english_on(
        '<p>SDG 13: Climate Action</p><span lang="en">English</span>', {"English"}, {"Climate Action"}
    ) == {"SDG 13: Climate Action"}

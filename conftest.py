"""Fixtures shared by every app's tests: the cast of users, their clients, and a browser."""

import os
import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import translation

from liaison.web.roles import ADMINISTRATOR, OFFICER, SUPERVISOR
from liaison.web.two_factor import ENROLLED, requires_two_factor

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "a-Strong-test-passw0rd"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    """The soak suite (marker `soak`) is left out of `make test` (deselected, not skipped) unless SOAK=1."""
    if os.environ.get("SOAK") == "1":
        return
    soak = [item for item in items if item.get_closest_marker("soak")]
    if soak:
        config.hook.pytest_deselected(items=soak)
        items[:] = [item for item in items if not item.get_closest_marker("soak")]


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    # The counters live in the shared cache across tests; tests of the limits turn them on (ratelimits fixture).
    settings.RATELIMIT_ENABLE = False


@pytest.fixture(autouse=True)
def _english_by_default():
    # A request in Malay leaves Malay active in the thread; each test starts from the default language.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _private_media_root(settings, tmp_path):
    # Uploads made by tests go to a temporary folder, never the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"


def make_user(username, role=None, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
        **extra,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def enrol(user):
    """The user's authenticator app (a confirmed TOTP device), as after setting it up; tests compute its codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def totp_code(device, offset=0):
    """The code the user's app shows now (offset: that many 30-second steps later)."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):0{device.digits}d}"


def app_of(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def login(client, user):
    """client.force_login, and for a user who gives a two-factor code, the session verified as by that code.

    Administrators, supervisors and staff must have an app: one is made for them if they have none. A plain
    client.force_login of such a user stays unverified (the pages send them to give the code).
    """
    client.force_login(user)
    device = app_of(user)
    if device is None and requires_two_factor(user):
        device = enrol(user)
    if device is not None:
        from django_otp import DEVICE_ID_SESSION_KEY

        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session[ENROLLED] = True
        session.save()
    return client


@pytest.fixture
def officer(db):
    return make_user("officer", OFFICER)


@pytest.fixture
def other_officer(db):
    return make_user("colleague", OFFICER)


@pytest.fixture
def supervisor(db):
    user = make_user("supervisor", SUPERVISOR)
    enrol(user)  # their role requires two-factor log-in
    return user


@pytest.fixture
def administrator(db):
    user = make_user("administrator", ADMINISTRATOR, is_staff=True)
    enrol(user)
    return user


@pytest.fixture
def outsider(db):
    """A logged-in user who holds no role."""
    return make_user("outsider")


def _client_for(client, user):
    return login(client, user)


@pytest.fixture
def officer_client(client, officer):
    return _client_for(client, officer)


@pytest.fixture
def supervisor_client(client, supervisor):
    return _client_for(client, supervisor)


@pytest.fixture
def administrator_client(client, administrator):
    return _client_for(client, administrator)


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("browser tests need Debian's chromium: apt-get install -y chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page; JavaScript errors it meets are collected in page.errors."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: _console_error(page, msg))
    page.on("response", lambda r: page.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    yield page
    context.close()


def _console_error(page, message):
    # A failed load is reported with its address by the response handler.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        page.errors.append(message.text)


def browser_login(page, username, password=PASSWORD):
    """Log in through the real page; a user with an authenticator app then enters its current code."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    device = app_of(get_user_model().objects.get(username=username))
    if device is not None:
        page.wait_for_url("**/accounts/two-factor/verify/**")
        page.get_by_label("Code").fill(totp_code(device))
        page.get_by_role("button", name="Verify").click()

"""Walk every URL pattern of the project as each role and check what comes back.

A view cannot ship without a case here: the walk fails when a pattern has none (or when a
case names a pattern that no longer exists). The admin site's patterns are checked
generically: only staff administrators get in.
"""

import importlib
import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from simple_history.admin import SimpleHistoryAdmin

from conftest import login
from liaison.tests.walk import LOGIN, PUBLIC_PAGES, ROLES, Case

APPS = ["liaison", "contacts", "partnerships", "funding", "events"]


def project_patterns(patterns=None, namespace=""):
    """Yield (qualified name, URLPattern) for every named pattern, admin included."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from project_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            if namespace.startswith("admin:") and not entry.name:
                continue  # the admin's own redirects to a change page and its catch-all
            assert entry.name, f"every URL pattern needs a name: {entry.pattern}"
            yield f"{namespace}{entry.name}", entry


def declared_cases():
    cases = {}
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.tests.walk")
        except ModuleNotFoundError:
            continue
        for name in module.CASES:
            assert name not in cases, f"{name} has two cases"
        cases.update(module.CASES)
    return cases


CASES = declared_cases()
PATTERNS = dict(project_patterns())
APP_NAMES = sorted(name for name in PATTERNS if not name.startswith("admin:"))
ADMIN_NAMES = sorted(name for name in PATTERNS if name.startswith("admin:"))


def test_every_url_pattern_has_a_case():
    missing = sorted(set(APP_NAMES) - set(CASES))
    stale = sorted(set(CASES) - set(APP_NAMES))
    assert not missing, f"URL patterns without a case in <app>/tests/walk.py: {missing}"
    assert not stale, f"cases for URL patterns that do not exist: {stale}"


def test_only_the_declared_public_pages_let_anonymous_visitors_in():
    """Anonymous gets a log-in redirect (or the API's 401) everywhere but PUBLIC_PAGES."""
    open_to_anonymous = {name for name, case in CASES.items() if case.expect["anonymous"] not in (LOGIN, 401)}
    assert open_to_anonymous == set(PUBLIC_PAGES)


@pytest.fixture
def users(officer, supervisor, administrator, outsider):
    return {
        "anonymous": None,
        "outsider": outsider,
        "officer": officer,
        "supervisor": supervisor,
        "administrator": administrator,
    }


def check(response, expected, name, role):
    label = f"{name} as {role}"
    if expected == LOGIN:
        assert response.status_code == 302, f"{label}: {response.status_code}, expected a login redirect"
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), label
    else:
        assert response.status_code == expected, f"{label}: {response.status_code}, expected {expected}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", APP_NAMES)
def test_url_answers_each_role_as_expected(client, users, name, role):
    case: Case = CASES.get(name)
    if case is None:
        pytest.fail(f"{name} has no case")  # reported by test_every_url_pattern_has_a_case too
    url = reverse(name, kwargs=case.kwargs(users))
    if users[role] is not None:
        login(client, users[role])
    data = case.data(users) if case.data else None
    for query in (case.query, *case.also):
        response = getattr(client, case.method)(url + query, data)
        check(response, case.expect[role], f"{name}{query}", role)


# --- the admin site ---------------------------------------------------------------------
ADMIN_KWARGS = {
    "object_id": "0",
    "app_label": "reference",
    "content_type_id": "0",
    "history_id": "0",
    "id": "0",
    "pk": "0",
}


def admin_url(name):
    pattern = PATTERNS[name]
    arguments = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", str(pattern.pattern))
    kwargs = {a or b: ADMIN_KWARGS[a or b] for a, b in arguments}
    if not kwargs and pattern.pattern.regex.groups:
        # django-simple-history's "^([^/]+)/history/([^/]+)/$": object and history record, unnamed
        return reverse(name, args=["0"] * pattern.pattern.regex.groups)
    return reverse(name, kwargs=kwargs)


def _simple_history_admin(short):
    for model, model_admin in admin.site._registry.items():
        if short == f"{model._meta.app_label}_{model._meta.model_name}_history":
            return isinstance(model_admin, SimpleHistoryAdmin)
    return False


def admin_expectation(name):
    """What a staff administrator gets; everybody else is sent to the admin's login page."""
    short = name.split(":", 1)[1]
    if short == "login":
        return 302  # already logged in: on to the index
    if short == "logout":
        return 405  # POST only
    if short == "view_on_site":
        return 404  # no such content type
    if short == "autocomplete":
        return 403  # no field named in the request
    if short in ("password_change", "password_change_done"):
        return 200
    if short.startswith("axes_") and short.endswith("_add"):
        return 403  # django-axes' records are written by the lockout machinery only
    if short == "api_webhookdelivery_add":
        return 403  # a webhook delivery is made by the change it reports, never typed in
    if short in ("reminders_reminder_add", "reminders_delivery_add", "reminders_heartbeat_add"):
        return 403  # reminders and their e-mails are made by the sweep only
    if short == "contacts_importbatch_add":
        return 403  # an import is recorded by the import itself (/contacts/import/), never typed in
    if short in ("contacts_personduplicate_add", "contacts_organisationduplicate_add"):
        return 403  # likely duplicates are found by the finder (find_duplicates), never typed in
    if short in ("events_registration_add", "events_invitation_add", "events_feedbackrequest_add"):
        return 403  # made by the public registration page, the invitations and the feedback requests only
    if short == "api_apitoken_add":
        return 403  # a token's secret is shown once to its own user, on their token page
    if short in ("audit_auditentry_add", "audit_auditentry_delete"):
        return 403  # the audit trail is written by the application only, never edited
    if short in ("otp_totp_totpdevice_config", "otp_totp_totpdevice_qrcode"):
        return 403  # nobody reads another user's secret key (OTP_ADMIN_HIDE_SENSITIVE_DATA)
    if short == "auth_user_password_change":
        return 404  # no user 0
    if short.endswith("_simple_history") or (short.endswith("_history") and _simple_history_admin(short)):
        return 404  # django-simple-history: no object 0 and no history of one (a deleted one's history shows)
    if re.search(r"_(change|delete|history|simple_history)$", short):
        return 302  # no object 0: back to the list with a message
    return 200


@pytest.mark.parametrize("name", ADMIN_NAMES)
def test_admin_url_is_for_administrators_only(client, users, name):
    url = admin_url(name)
    for role in ("anonymous", "outsider", "officer", "supervisor"):
        client.logout()
        if users[role] is not None:
            login(client, users[role])
        response = client.get(url)
        if name in ("admin:login",):
            assert response.status_code == 200, f"{name} as {role}"
            continue
        assert response.status_code == 302, f"{name} as {role}: {response.status_code}"
        assert "/admin/" in response["Location"], f"{name} as {role}"
    login(client, users["administrator"])
    response = client.get(url)
    assert response.status_code == admin_expectation(name), f"{name} as administrator: {response.status_code}"

"""What every URL of the liaison package should answer to each role.

Each app lists its own URLs in `<app>/tests/walk.py` as `CASES = {url_name: Case(...)}`;
test_url_walk.py gathers them all and fails when a URL pattern of the project has no case.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "outsider", "officer", "supervisor", "administrator")
LOGIN = "login"  # expected: a redirect to the login page

# The usual expectations.
READ = {"anonymous": LOGIN, "outsider": 403, "officer": 200, "supervisor": 200, "administrator": 200}
WRITE = {"anonymous": LOGIN, "outsider": 403, "officer": 200, "supervisor": 403, "administrator": 200}
ADMIN_ONLY = {"anonymous": LOGIN, "outsider": 403, "officer": 403, "supervisor": 403, "administrator": 200}
ANY_USER = {"anonymous": LOGIN, "outsider": 200, "officer": 200, "supervisor": 200, "administrator": 200}
PUBLIC = dict.fromkeys(ROLES, 200)
# Something of the officer's own (a token, a report): the other roles get 404, the outsider 403.
OWN = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "outsider": 403, "officer": 200}


@dataclass
class Case:
    """How to call one URL and what each role should get.

    `kwargs` builds the URL's arguments (creating the records it needs) from the test's users;
    `expect` maps each role to a status code or LOGIN.
    """

    expect: dict
    kwargs: Callable[[dict], dict] = field(default=lambda users: {})
    method: str = "get"
    data: Callable[[dict], dict] | None = None
    query: str = ""
    also: tuple = ()  # more query strings (other views, filters) the page answers the same way to


CASES = {
    "home": Case({**ANY_USER, "supervisor": 302}),  # supervisors' home is the dashboard
    "healthz": Case(PUBLIC),
    "favicon": Case(dict.fromkeys(ROLES, 301)),
    "search:search": Case(ANY_USER, query="?q=majlis"),
    "login": Case(PUBLIC),
    # Logging out takes a POST (Django 5); a GET is refused.
    "logout": Case({**dict.fromkeys(ROLES, 405), "anonymous": LOGIN}),
    # Two-factor log-in: officers and the outsider have no app yet, supervisors and administrators have given
    # their code (conftest.login).
    "two_factor:profile": Case(ANY_USER),
    "two_factor:verify": Case({**dict.fromkeys(ROLES, 302), "anonymous": LOGIN}),
    "two_factor:setup": Case({**ANY_USER, "supervisor": 302, "administrator": 302}),
    "two_factor:recovery_codes": Case({**ANY_USER, "officer": 302, "outsider": 302}, method="post"),
    "two_factor:disable": Case({**dict.fromkeys(ROLES, 302), "anonymous": LOGIN}, method="post"),
    "password_change": Case(ANY_USER),
    "password_change_done": Case(ANY_USER),
    "password_reset": Case(PUBLIC),
    "password_reset_done": Case(PUBLIC),
    "password_reset_confirm": Case(PUBLIC, kwargs=lambda users: {"uidb64": "MQ", "token": "bad-token"}),
    "password_reset_complete": Case(PUBLIC),
    # Switching language is a POST that redirects back; anyone may do it, on the login page too.
    "set_language": Case(dict.fromkeys(ROLES, 302), method="post", data=lambda users: {"language": "ms", "next": "/"}),
    # Everyone has their own notifications; another user's notification is not found.
    "reminders:notifications": Case(ANY_USER),
    "reminders:preferences": Case(ANY_USER),
    # Only the notification's own user may open it; the others get 404, as for any record of someone else.
    "reminders:notification_open": Case(
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "officer": 302},
        kwargs=lambda users: {"pk": _officer_notification(users).pk},
    ),
    "reminders:notification_read": Case(
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "officer": 302},
        kwargs=lambda users: {"pk": _officer_notification(users).pk},
        method="post",
    ),
    "reminders:notifications_read_all": Case({**dict.fromkeys(ROLES, 302), "anonymous": LOGIN}, method="post"),
    "dashboard:dashboard": Case(READ, query="?period=quarter"),
    "reports:activity": Case(READ, query="?period=quarter&format=docx"),
    # A report made in the background is its asker's only: the others' are not found.
    "reports:job": Case(OWN, kwargs=lambda users: {"pk": _officer_report(users).pk}),
    "reports:job_download": Case(OWN, kwargs=lambda users: {"pk": _officer_report(users).pk}),
    "calendar:month": Case(
        READ,
        query="?month=2027-03",
        also=(
            "?view=week&day=2027-03-08",
            "?view=agenda&day=2027-03-01&kind=event&kind=mission",
            "?month=2027-03&kind=task",
            "?view=year&kind=nothing",  # refused with a message, not an error
            "?view=week&day=2027-02-30",
        ),
    ),
    "calendar:subscribe": Case(READ),
    # Any role may reset its own feed address (a POST that redirects back).
    "calendar:feed_reset": Case({**dict.fromkeys(ROLES, 302), "anonymous": LOGIN, "outsider": 403}, method="post"),
    # The feed is for calendar applications: the token is the credential, whoever asks.
    "calendar:feed": Case(PUBLIC, kwargs=lambda users: {"token": _feed_token(users)}),
    # The API answers 401 (not a log-in redirect) to anonymous requests; every role reads its schema.
    "api:schema": Case({**READ, "anonymous": 401}),
    "api:swagger": Case({**READ, "anonymous": 401}),
    "api:redoc": Case({**READ, "anonymous": 401}),
    "api:tokens": Case(READ),
    # Only one's own token can be revoked; the others' are not found.
    "api:token_revoke": Case(
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "outsider": 403, "officer": 302},
        kwargs=lambda users: {"pk": _officer_token(users).pk},
        method="post",
    ),
    # My work and tasks (liaison/work): every role reads, officers and administrators write.
    "work:my_work": Case(READ),
    "work:task_create": Case(WRITE, query="?record=contacts.person:0"),
    "work:task_detail": Case(READ, kwargs=lambda users: {"pk": _officer_task(users).pk}),
    "work:task_edit": Case(WRITE, kwargs=lambda users: {"pk": _officer_task(users).pk}),
    "work:task_delete": Case(WRITE, kwargs=lambda users: {"pk": _officer_task(users).pk}),
    "work:task_done": Case(
        {**WRITE, "officer": 302, "administrator": 302},
        kwargs=lambda users: {"pk": _officer_task(users).pk},
        method="post",
    ),
    # Saved views of lists (liaison/web/saved_views.py): anyone who reads the list saves one; only its owner deletes it.
    "web:saved_view_save": Case(
        {**dict.fromkeys(ROLES, 302), "anonymous": LOGIN, "outsider": 403},
        method="post",
        data=lambda users: {"name": "Walk", "list_name": "contacts:person_list", "query": "q=majlis"},
    ),
    "web:saved_view_delete": Case(
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "outsider": 403, "officer": 302},
        kwargs=lambda users: {"pk": _officer_saved_view(users).pk},
        method="post",
    ),
}

API_READ = {**READ, "anonymous": 401}

# Every page reachable without logging in, named here on purpose: test_url_walk fails when a case
# lets an anonymous visitor in and is not in this list, or when one of these sends them to log in.
PUBLIC_PAGES = frozenset(
    {
        "healthz",
        "favicon",
        "login",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "set_language",
        "calendar:feed",  # the token in the address is the credential
        # An event's public registration (events/public.py).
        "events:register",
        "events:registration_thanks",
        "events:registration_cancel",
        "events:certificate_verify",  # anyone holding a certificate checks its code
        "events:feedback",  # an attendee's feedback form: the token of their personal link is the credential
        # The website's feed of upcoming published events (events/feed.py).
        "events:public_feed_json",
        "events:public_feed_ics",
    }
)


def _officer_token(users):
    from liaison.api.models import ApiToken

    return ApiToken.issue(user=users["officer"], name="walk")[0]


def _officer_report(users):
    from liaison.reports.models import ReportJob

    return ReportJob.objects.create(
        user=users["officer"], format="docx", language="en", status="done", content=b"PK", filename="report.docx"
    )


def _feed_token(users):
    from liaison.calendar.models import CalendarToken

    return CalendarToken.for_user(users["officer"]).token


def _officer_notification(users):
    from liaison.reminders.models import Notification

    return Notification.objects.create(user=users["officer"], title="Deadline tomorrow")


def _officer_task(users):
    import datetime

    from liaison.work.models import Task

    return Task.objects.create(
        title="Call the mayor's office", due_on=datetime.date(2027, 3, 1), assignee=users["officer"]
    )


def _officer_saved_view(users):
    from liaison.web.models import SavedView

    return SavedView.objects.create(owner=users["officer"], name="Walk", list_name="contacts:person_list", query="q=a")

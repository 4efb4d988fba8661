"""The audit trail records log-ins and failed log-ins, and administrators read it in the admin without editing it."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, login, make_user
from liaison.audit.models import AuditEntry
from liaison.audit.services import audit_record
from liaison.web.roles import ADMINISTRATOR, OFFICER

pytestmark = pytest.mark.django_db


def test_a_log_in_and_a_failed_log_in_are_each_one_row(client):
    officer = make_user("amina", OFFICER)
    client.post(reverse("login"), {"username": "amina", "password": "wrong"})
    client.post(reverse("login"), {"username": "amina", "password": PASSWORD})
    failed, succeeded = AuditEntry.objects.order_by("id")
    assert (failed.action, failed.user, failed.username, failed.path) == (
        AuditEntry.Action.LOGIN_FAILED,
        None,
        "amina",
        reverse("login"),
    )
    assert (succeeded.action, succeeded.user, succeeded.username) == (AuditEntry.Action.LOGIN, officer, "amina")
    assert PASSWORD not in str(failed.filters) and "wrong" not in str(failed.filters)


@pytest.fixture
def admin_client(client):
    administrator = make_user("root", ADMINISTRATOR, is_staff=True)
    login(client, administrator)
    return client


@pytest.fixture
def entries():
    officer = make_user("budi", OFFICER)
    return [
        audit_record(action=AuditEntry.Action.LIST_EXPORT, user=officer, target="people", row_count=12),
        audit_record(action=AuditEntry.Action.PERSON_ERASURE, user=officer, target="person #7"),
        audit_record(action=AuditEntry.Action.LOGIN_FAILED, username="nobody"),
    ]


def test_administrators_filter_and_search_the_trail(admin_client, entries):
    url = reverse("admin:audit_auditentry_changelist")
    shown = admin_client.get(url + "?action=person_erasure").context["cl"].result_list
    assert [entry.pk for entry in shown] == [entries[1].pk]
    budi = get_user_model().objects.get(username="budi")
    shown = admin_client.get(f"{url}?user__id__exact={budi.pk}").context["cl"].result_list
    assert {entry.pk for entry in shown} == {entries[0].pk, entries[1].pk}
    shown = admin_client.get(url + "?q=nobody").context["cl"].result_list
    assert [entry.pk for entry in shown] == [entries[2].pk]
    day = timezone.localtime(entries[0].at).date()  # the admin's date filter counts in Kuala Lumpur time
    dated = f"{url}?at__year={day.year}&at__month={day.month}&at__day={day.day}&action=list_export"
    assert [entry.pk for entry in admin_client.get(dated).context["cl"].result_list] == [entries[0].pk]


def test_the_trail_is_never_edited_in_the_admin(admin_client, entries):
    entry = entries[0]
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])
    page = admin_client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()  # read only
    assert admin_client.post(change, {"target": "nothing", "row_count": 0}).status_code == 403
    assert admin_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    )
    changelist = admin_client.get(reverse("admin:audit_auditentry_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    entry.refresh_from_db()
    assert (entry.target, entry.row_count) == ("people", 12)

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from liaison.web.access import permission_required, role_required
from liaison.web.roles import ADMINISTRATOR, OFFICER, ROLES, SUPERVISOR, role_of


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("content_type__app_label", "codename"))


def test_migrations_create_the_three_roles(db):
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)


def test_administrators_hold_every_permission(db):
    assert Group.objects.get(name=ADMINISTRATOR).permissions.count() == Permission.objects.count()


def test_supervisors_only_view(db):
    perms = codenames(SUPERVISOR)
    assert perms, "supervisors must read something"
    assert all(codename.startswith("view_") for _, codename in perms)


def test_officers_edit_business_records_but_not_reference_tables_or_users(db):
    perms = codenames(OFFICER)
    assert ("reference", "view_sdg") in perms
    assert ("reference", "change_sdg") not in perms
    assert not any(app == "auth" for app, _ in perms)
    business = Permission.objects.filter(
        content_type__app_label__in=["contacts", "partnerships", "funding", "events"]
    ).exclude(content_type__model__startswith="historical")
    assert {(p.content_type.app_label, p.codename) for p in business} <= perms


def test_role_of_prefers_the_strongest_role(officer, administrator):
    assert role_of(officer) == OFFICER
    officer.groups.add(Group.objects.get(name=SUPERVISOR))
    del officer._role_names
    assert role_of(officer) == SUPERVISOR
    assert role_of(administrator) == ADMINISTRATOR


def test_role_required_refuses_other_roles(officer, supervisor):
    view = role_required(SUPERVISOR)(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.user = supervisor
    assert view(request).content == b"ok"
    request.user = officer
    try:
        view(request)
    except PermissionDenied:
        pass
    else:
        raise AssertionError("an officer got through a supervisors-only view")


def test_permission_required_checks_model_permissions(officer, supervisor):
    view = permission_required("reference.view_sdg")(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.user = supervisor
    assert view(request).status_code == 200
    guarded = permission_required("reference.change_sdg")(lambda request: HttpResponse("ok"))
    request.user = officer
    try:
        guarded(request)
    except PermissionDenied:
        pass
    else:
        raise AssertionError("an officer changed a reference table")


def test_the_role_badge_is_in_the_users_language(supervisor_client):
    import re

    from django.urls import reverse

    supervisor_client.cookies["django_language"] = "ms"
    body = supervisor_client.get(reverse("reminders:notifications")).content.decode()
    assert re.search(r'id="role-badge">Penyelia<', body)

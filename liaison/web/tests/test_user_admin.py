"""Administrators manage users within the three roles; only a superuser grants superuser, permissions, other groups."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from conftest import login, make_user
from liaison.web.roles import OFFICER


def _change(client, user, **extra):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": "",
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        **extra,
    }
    return client.post(f"/admin/auth/user/{user.pk}/change/", data)


def test_an_administrator_cannot_make_anyone_superuser_or_grant_permissions(administrator_client, administrator):
    other = make_user("aminah", OFFICER)
    everything = Permission.objects.get(codename="delete_user")
    superusers = Group.objects.create(name="Everything")
    response = _change(
        administrator_client,
        administrator,
        is_superuser="on",
        user_permissions=[everything.pk],
        groups=[superusers.pk, Group.objects.get(name=OFFICER).pk],
    )
    administrator.refresh_from_db()
    assert not administrator.is_superuser
    assert not administrator.user_permissions.exists()
    assert not administrator.groups.filter(name="Everything").exists()
    assert response.status_code == 200  # the foreign group is not a valid choice
    page = administrator_client.get(f"/admin/auth/user/{other.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and "Everything" not in page


def test_an_administrator_grants_a_role(administrator_client):
    other = make_user("aminah")
    response = _change(administrator_client, other, groups=[Group.objects.get(name=OFFICER).pk])
    assert response.status_code == 302
    assert other.groups.filter(name=OFFICER).exists()


def test_an_administrator_cannot_change_a_superuser(administrator_client):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x-Strong-passw0rd")
    assert administrator_client.get(f"/admin/auth/user/{root.pk}/password/").status_code == 403
    response = _change(administrator_client, root, is_superuser="")
    assert response.status_code == 403
    root.refresh_from_db()
    assert root.is_superuser


def test_a_superuser_grants_superuser(client, db):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x-Strong-passw0rd")
    other = make_user("aminah")
    login(client, root)
    assert _change(client, other, is_superuser="on").status_code == 302
    other.refresh_from_db()
    assert other.is_superuser

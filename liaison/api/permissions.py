"""The pages' rules, for the API: the model's own permissions per method, and read-only tokens."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from liaison.web.roles import ROLES, has_role

from .models import ApiToken


class RolePermission(permissions.DjangoModelPermissions):
    """A role is needed; reading needs view_<model> (supervisors read), writing add/change/delete (officers)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if not has_role(request.user, *ROLES):
            return False
        return super().has_permission(request, view)


class TokenScope(permissions.BasePermission):
    """A read-only token can read and nothing else, whatever its user's role."""

    message = _("This token is read-only: it cannot change records.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return not (isinstance(request.auth, ApiToken) and request.auth.read_only)


class HasRole(permissions.BasePermission):
    """Any of the three roles: for endpoints that are no model's (the schema, the documentation)."""

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and has_role(request.user, *ROLES))

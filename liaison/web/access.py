"""One way for views to require a role or a permission, enforced on the server.

Anonymous users are sent to the login page (LoginRequiredMiddleware does that before a view
runs); a logged-in user without the role or permission gets 403.
"""

from functools import wraps

from django.contrib.auth.mixins import PermissionRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied

from .roles import has_role


def role_required(*roles):
    """Decorator for function views: the user must hold one of `roles`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def permission_required(*perms):
    """Decorator for function views: the user must hold every permission in `perms`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.has_perms(perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin(UserPassesTestMixin):
    """Class-based views: set `roles` to the roles allowed in."""

    roles: tuple[str, ...] = ()
    raise_exception = True

    def test_func(self):
        return has_role(self.request.user, *self.roles)


class ModelPermissionMixin(PermissionRequiredMixin):
    """Class-based views: `permission_action` ('view', 'add', 'change', 'delete') on the view's model."""

    permission_action = "view"
    raise_exception = True

    def get_permission_required(self):
        if self.permission_required:
            return super().get_permission_required()
        opts = self.model._meta
        return (f"{opts.app_label}.{self.permission_action}_{opts.model_name}",)

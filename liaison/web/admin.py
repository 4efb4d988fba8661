"""What every model admin of the project shares (history pages that 404 on an id that cannot be one), and users."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from .roles import ROLES


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, whose history pages would query "abc" as an id and fail (a 500)."""

    def _check_ids(self, *values):
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        for value, field in zip(values, (self.model._meta.pk, history._meta.pk), strict=False):
            try:
                field.to_python(unquote(value))
            except ValidationError:
                raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        self._check_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_ids(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class RoleBoundUserAdmin(UserAdmin):
    """Users in the admin: an Administrator manages accounts within the three roles, only a superuser beyond.

    Without this, anyone allowed to change users could tick "superuser", or grant any permission or group,
    to themselves.
    """

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return (*fields, "is_superuser", "user_permissions")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLES)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # A superuser's account (its password, its flags) is for superusers to change.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, RoleBoundUserAdmin)

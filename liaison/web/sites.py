"""The admin site: Django's, but only for a user who has given their two-factor code in this session."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class LiaisonAdminSite(admin.AdminSite):
    def has_permission(self, request):
        is_verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and is_verified is not None and is_verified()


class LiaisonAdminConfig(AdminConfig):
    """django.contrib.admin with LiaisonAdminSite as admin.site (INSTALLED_APPS names this instead)."""

    default_site = "liaison.web.sites.LiaisonAdminSite"

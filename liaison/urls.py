from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from . import views

admin.site.site_header = _("Liaison administration")
admin.site.site_title = _("Liaison administration")
admin.site.index_title = _("Records, users and reference data")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages (the admin's) that do not name the icon.
    path("favicon.ico", views.favicon, name="favicon"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/preferences/", views.notification_preferences, name="notification_preferences"),
    path("search/", views.search, name="search"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("contacts/", include("contacts.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("funding/", include("funding.urls")),
    path("events/", include("events.urls")),
    path("admin/", admin.site.urls),
    path("dashboard/", views.dashboard, name="dashboard"),
]

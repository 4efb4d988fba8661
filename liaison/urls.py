from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from liaison.web.views import limit

admin.site.site_header = _("Liaison administration")
admin.site.site_title = _("Liaison administration")
admin.site.index_title = _("Records, users and reference data")

handler500 = "liaison.web.views.server_error"

urlpatterns = [
    path("", include("liaison.home.urls")),
    path("notifications/", include("liaison.reminders.urls")),
    path("search/", include("liaison.search.urls")),
    path("dashboard/", include("liaison.dashboard.urls")),
    path("reports/", include("liaison.reports.urls")),
    path("calendar/", include("liaison.calendar.urls")),
    path("work/", include("liaison.work.urls")),
    path("views/", include("liaison.web.urls")),
    path("api/v1/", include("liaison.api.urls")),
    # The log-in form and password resets, rate-limited (per username, per address), before Django's own.
    path("accounts/login/", limit("login", key="post:username")(auth_views.LoginView.as_view()), name="login"),
    path(
        "accounts/password_reset/",
        limit("password_reset", key="ip")(auth_views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path("accounts/two-factor/", include("liaison.web.two_factor_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("contacts/", include("contacts.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("funding/", include("funding.urls")),
    path("events/", include("events.urls")),
    path("admin/", admin.site.urls),
]

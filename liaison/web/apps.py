from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The shared web toolkit: roles and access, lists, record views, forms, widgets, navigation, panels."""

    name = "liaison.web"
    label = "web"
    verbose_name = _("Web toolkit")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .dates import bound_model_dates, install_tolerant_date_reads
        from .middleware import mark_seen
        from .roles import sync_role_permissions
        from .text import bound_single_line_fields
        from .timeouts import lift_for_migrations
        from .two_factor import remember_enrolment
        from .uploads import bound_file_fields

        # Runs after the last app's migrations, once every model's permissions exist.
        pre_migrate.connect(lift_for_migrations, dispatch_uid="liaison.web.lift_for_migrations")
        post_migrate.connect(sync_role_permissions, dispatch_uid="liaison.web.sync_role_permissions")
        user_logged_in.connect(mark_seen, dispatch_uid="liaison.web.mark_seen")
        user_logged_in.connect(remember_enrolment, dispatch_uid="liaison.web.remember_enrolment")
        bound_model_dates()
        bound_single_line_fields()
        install_tolerant_date_reads()
        bound_file_fields()

"""Log-ins and failed log-ins go to the audit trail."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .models import AuditEntry
from .services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def audit_login(sender, request, user, **kwargs):
    audit_record(action=AuditEntry.Action.LOGIN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # The password is never in `credentials` (Django masks it); the user name is what was typed.
    audit_record(action=AuditEntry.Action.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")))

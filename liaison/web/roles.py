"""The three roles and the model permissions each one holds.

The groups themselves are created by a data migration (web/migrations); their permissions are
brought in line after every `migrate` (see WebConfig.ready), so a model added by a later app is
covered without another migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

OFFICER = "Officer"
SUPERVISOR = "Supervisor"
ADMINISTRATOR = "Administrator"
ROLES = (OFFICER, SUPERVISOR, ADMINISTRATOR)
# The groups keep their English names (data); people read the role in their own language.
ROLE_LABELS = {OFFICER: _("Officer"), SUPERVISOR: _("Supervisor"), ADMINISTRATOR: _("Administrator")}

# Apps whose every model is a business record: officers edit them, supervisors read them (tasks too).
BUSINESS_APPS = ("contacts", "partnerships", "funding", "events", "work")
# Reference tables that everybody reads and only administrators change.
REFERENCE_MODELS = ("reference.theme", "reference.sdg", "reference.state", "reference.exchangerate")


def _business_permissions():
    return Permission.objects.filter(content_type__app_label__in=BUSINESS_APPS).exclude(
        content_type__model__startswith="historical"
    )


def _view_permissions(labels):
    perms = Permission.objects.none()
    for label in labels:
        app_label, model = label.split(".")
        perms |= Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename=f"view_{model}"
        )
    return perms


def role_permissions():
    """The permissions each role should hold, as querysets."""
    business = _business_permissions()
    reference = _view_permissions(REFERENCE_MODELS)
    return {
        OFFICER: business | reference,
        SUPERVISOR: business.filter(codename__startswith="view_") | reference,
        ADMINISTRATOR: Permission.objects.all(),
    }


def sync_role_permissions(**kwargs):
    """Give each role group exactly the permissions of its role (post_migrate receiver).

    post_migrate is sent once per app that has models; acting on the last one means every app's
    permissions have been created by then.
    """
    sender = kwargs.get("sender")
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if sender is not None and sender is not with_models[-1]:
        return
    try:
        kwargs.get("apps", global_apps).get_model("auth", "Group")  # flush sends no apps: the real ones
    except LookupError:
        return  # a partial migrate (`migrate contenttypes`) that has not created the auth tables yet
    for name, perms in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(perms)


def role_of(user):
    """The user's strongest role, or None for anonymous users and users without one."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return ADMINISTRATOR
    names = set(getattr(user, "_role_names", None) or _group_names(user))
    for role in (ADMINISTRATOR, SUPERVISOR, OFFICER):
        if role in names:
            return role
    return None


def _group_names(user):
    user._role_names = list(user.groups.values_list("name", flat=True))
    return user._role_names


def has_role(user, *roles):
    return role_of(user) in roles

"""Demo users: one per role, with a password printed by seed_demo and given in the README."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from liaison.reference.registry import Loader
from liaison.web.roles import ADMINISTRATOR, OFFICER, SUPERVISOR

from .registry import register

DEMO_PASSWORD = "liaison-demo-2026"  # noqa: S105 (documented in the README; local use only)
DEMO_USERS = [
    # username, role, first name, last name
    ("officer", OFFICER, "Nur Aisyah", "Rahman"),
    ("supervisor", SUPERVISOR, "Bernadia", "Tjandradewi"),
    ("admin", ADMINISTRATOR, "System", "Administrator"),
]


@register
class DemoUsers(Loader):
    order = 0

    def load(self, log):
        User = get_user_model()
        for username, role, first, last in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@liaison.example"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = role == ADMINISTRATOR
                user.save()
            user.groups.add(Group.objects.get(name=role))
        log(f"demo users: {', '.join(u[0] for u in DEMO_USERS)} (password: {DEMO_PASSWORD})")
        log(
            "two-factor log-in: supervisor and admin set it up at their first log-in (scan the QR code shown, or "
            "type its key, into an authenticator app; keep the ten recovery codes shown once); officer needs none"
        )

"""Two-factor log-in (django-otp): who must use it, the middleware that asks for it, and the devices.

After the password, a user with an authenticator app (a confirmed TOTP device) gives its six-digit code, or one
of their recovery codes, before any page. Administrators, supervisors and staff must have one: the first log-in
sends them to set it up. Officers may turn it on and off from their two-factor page.
"""

from urllib.parse import urlencode

from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .roles import ADMINISTRATOR, SUPERVISOR, has_role

# Whether the logged-in user has an authenticator app, kept in the session so that a page costs no query.
ENROLLED = "two_factor_enrolled"
RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
# Pages an unverified user may still reach: the two-factor pages themselves, and logging out.
OPEN_URL_NAMES = {"logout", "admin:logout"}


def requires_two_factor(user) -> bool:
    return user.is_superuser or user.is_staff or has_role(user, ADMINISTRATOR, SUPERVISOR)


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def remember_enrolment(sender=None, request=None, user=None, **kwargs):
    """On log-in (user_logged_in): note in the session whether the user has to give a code."""
    if request is not None and hasattr(request, "session") and user is not None:
        request.session[ENROLLED] = is_enrolled(user)


def mark_verified(request, device) -> None:
    """The user has given a good code: a new session key (its privileges rose), and the device in the session."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session[ENROLLED] = True


def pending_device(user) -> TOTPDevice:
    """The authenticator app being set up (not confirmed yet), made when there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


@transaction.atomic
def confirm_device(device: TOTPDevice) -> list[str]:
    """The app gave a good code: it becomes the user's device, and they get fresh recovery codes."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Ten new one-time recovery codes; the previous ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def turn_off(request) -> None:
    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[ENROLLED] = False


class TwoFactorMiddleware:
    """Before any page, a logged-in user who has to give a code (or to set up an app) is sent to do so.

    After django_otp's OTPMiddleware (request.user.is_verified) and Django's LoginRequiredMiddleware; pages open
    to anonymous visitors stay open. The API answers 403 to such a session rather than redirecting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match.namespace == "two_factor" or match.view_name in OPEN_URL_NAMES:
            return None
        if ENROLLED not in request.session:
            request.session[ENROLLED] = is_enrolled(user)
        enrolled = request.session[ENROLLED]
        if not enrolled and not requires_two_factor(user):
            return None
        if match.namespace == "api":
            return JsonResponse({"detail": _("Give your two-factor code on the log-in page first.")}, status=403)
        target = reverse("two_factor:verify" if enrolled else "two_factor:setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

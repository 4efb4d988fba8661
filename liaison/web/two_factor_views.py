"""The two-factor pages: give a code at log-in, set up an app, recovery codes, turn it off (officers)."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor
from .views import limit


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


def _with_next(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}" if next_url != reverse("home") else reverse(name)


WRONG_CODE = gettext_lazy("This code is not right or has expired. Enter the code your app shows now.")


@require_http_methods(["GET", "POST"])
@limit("login", key="user")
def verify(request):
    """The second step of the log-in: the app's six-digit code, or a recovery code."""
    next_url = _next(request)
    if request.user.is_verified():
        return redirect(next_url)
    if not two_factor.is_enrolled(request.user):
        request.session[two_factor.ENROLLED] = False
        return redirect(_with_next("two_factor:setup", next_url))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            two_factor.mark_verified(request, device)
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(request, _("You used a recovery code; %(left)s left.") % {"left": left})
            return redirect(next_url)
        form.add_error("code", WRONG_CODE)
    context = {"form": form, "next": next_url, "pending_two_factor": True}
    return render(request, "registration/two_factor_verify.html", context)


@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up an authenticator app: scan the QR code, give one code, receive the recovery codes."""
    next_url = _next(request)
    if two_factor.is_enrolled(request.user):
        if not request.user.is_verified():
            return redirect(_with_next("two_factor:verify", next_url))
        messages.info(request, _("Two-factor log-in is already on."))
        return redirect("two_factor:profile")
    device = two_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            codes = two_factor.confirm_device(device)
            two_factor.mark_verified(request, device)
            return render(request, "registration/two_factor_codes.html", {"codes": codes, "next": next_url})
        form.add_error("code", WRONG_CODE)
    key = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": next_url,
        "qr": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4)),  # noqa: S308 (our own SVG)
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "required": two_factor.requires_two_factor(request.user),
        "pending_two_factor": not request.user.is_verified(),
    }
    return render(request, "registration/two_factor_setup.html", context)


def profile(request):
    """The user's two-factor page: whether it is on, recovery codes left, and what they may do."""
    user = request.user
    context = {
        "enrolled": two_factor.is_enrolled(user),
        "required": two_factor.requires_two_factor(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "form": CodeForm(),
    }
    return render(request, "registration/two_factor_profile.html", context)


@require_POST
def recovery_codes(request):
    """New recovery codes, shown once; the old ones stop working."""
    if not two_factor.is_enrolled(request.user):
        return redirect("two_factor:setup")
    codes = two_factor.new_recovery_codes(request.user)
    return render(
        request, "registration/two_factor_codes.html", {"codes": codes, "next": reverse("two_factor:profile")}
    )


@require_POST
def disable(request):
    """An officer turns two-factor log-in off, with a current code; the roles that require it cannot."""
    if two_factor.requires_two_factor(request.user):
        messages.error(request, _("Your role requires two-factor log-in: it cannot be turned off."))
        return redirect("two_factor:profile")
    form = CodeForm(request.POST)
    if form.is_valid() and match_token(request.user, form.cleaned_data["code"]) is not None:
        two_factor.turn_off(request)
        messages.success(request, _("Two-factor log-in is off."))
    else:
        messages.error(request, _("Two-factor log-in is still on: the code was not right."))
    return redirect("two_factor:profile")

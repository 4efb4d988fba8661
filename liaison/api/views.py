from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.web.access import role_required
from liaison.web.roles import ROLES

from .forms import TokenForm
from .models import ApiToken


@role_required(*ROLES)
def tokens(request):
    """The user's own API tokens; a new one's secret is shown on this page once, never again."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = ApiToken.issue(user=request.user, **form.cleaned_data)
        messages.success(
            request, _("Token “%(name)s” created. Copy it now: it will not be shown again.") % {"name": token.name}
        )
        form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "secret": secret, "tokens": request.user.api_tokens.all()},
        status=400 if form.errors else 200,
    )


@role_required(*ROLES)
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    token.revoke()
    messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    return redirect("api:tokens")

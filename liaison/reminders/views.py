from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from .agenda import reminders_failed_for
from .forms import NotificationPreferenceForm
from .models import Notification, NotificationPreference
from .notifications import notifications_mark_read, preferences_update


def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).select_related("reminder")
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "reminders/notification_list.html",
        {
            "page_obj": page,
            "paginator": page.paginator,
            "notifications": page.object_list,
            "failed_reminders": reminders_failed_for(request.user)[:20],
        },
    )


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_mark_read(user=request.user, pk=notification.pk)
    if request.htmx:
        notification.refresh_from_db()
        return render(request, "reminders/_notification_row.html", {"notification": notification, "oob_bell": True})
    return redirect("reminders:notifications")


def notification_open(request, pk):
    """Follow a notification's link, marking it read on the way."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    notifications_mark_read(user=request.user, pk=notification.pk)
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if notification.url and safe else "reminders:notifications")


@require_POST
def notifications_read_all(request):
    count = notifications_mark_read(user=request.user)
    if request.htmx:
        return HttpResponseClientRefresh()
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        % {"count": count},
    )
    return redirect("reminders:notifications")


def notification_preferences(request):
    preference = NotificationPreference.objects.for_user(request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/notification_preferences.html", {"form": form})

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.reminders.agenda import upcoming_items
from liaison.web.access import permission_required
from liaison.web.records import RecordCreateView, RecordDeleteView, RecordDetailView, RecordUpdateView
from liaison.web.roles import ADMINISTRATOR, SUPERVISOR, has_role

from . import services
from .forms import TaskForm
from .models import Task
from .records import record_from_reference
from .reminders import TASK_SOURCE

AGENDA_DAYS = 30  # how far ahead My work looks for what is due
OVERDUE_DAYS = 365  # and how far back for what is overdue
LIMIT = 100


def _next_url(request, default):
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return default


@permission_required("work.view_task")
def my_work(request):
    """What is mine and due, across apps: my tasks, then every other item I am reminded of; for supervisors and
    administrators, everyone's overdue work too."""
    user, today = request.user, timezone.localdate()
    mine = Task.objects.open().filter(assignee=user).select_related("created_by").prefetch_related("record")
    given = (
        Task.objects.open()
        .filter(created_by=user)
        .exclude(assignee=user)
        .select_related("assignee")
        .prefetch_related("record")
    )
    done = Task.objects.done().filter(assignee=user).order_by("-done_at").prefetch_related("record")
    context = {
        "today": today,
        "tasks": list(mine[:LIMIT]),
        "given": list(given[:LIMIT]),
        "recently_done": list(done[:10]),
        "upcoming": upcoming_items(today=today, days=AGENDA_DAYS, user=user, exclude=(TASK_SOURCE,), limit=LIMIT),
        "overdue": upcoming_items(
            today=today, days=OVERDUE_DAYS, user=user, overdue=True, exclude=(TASK_SOURCE,), limit=LIMIT
        ),
        "agenda_days": AGENDA_DAYS,
        "can_add": user.has_perm("work.add_task"),
        "can_change": user.has_perm("work.change_task"),
    }
    if has_role(user, SUPERVISOR, ADMINISTRATOR):
        everyone = Task.objects.overdue(today).select_related("assignee").prefetch_related("record")
        context["everyone_tasks"] = list(everyone.order_by("assignee__first_name", "due_on")[:LIMIT])
        context["everyone_overdue"] = upcoming_items(
            today=today, days=OVERDUE_DAYS, overdue=True, exclude=(TASK_SOURCE,), limit=LIMIT
        )
    return render(request, "work/my_work.html", context)


class TaskFormMixin:
    model = Task
    form_class = TaskForm
    template_name = "work/task_form.html"

    def get_success_url(self):
        record = self.object.record
        return _next_url(self.request, record.get_absolute_url() if record is not None else reverse("work:my_work"))

    def get_context_data(self, **kwargs):
        # Rendered for a new form or one with errors: the record is the task's own, or the one the request names.
        record = self.object.record if getattr(self, "object", None) else self.record_from_request()
        return super().get_context_data(record=record, next=self.request.GET.get("next", ""), **kwargs)

    def record_from_request(self):
        reference = self.request.POST.get("record") or self.request.GET.get("record")
        return record_from_reference(reference, self.request.user) if reference else None


class TaskCreate(TaskFormMixin, RecordCreateView):
    list_url_name = "work:my_work"

    def get_initial(self):
        initial = super().get_initial()
        initial["assignee"] = self.request.user.pk
        reference = self.request.GET.get("record", "")
        if reference and record_from_reference(reference, self.request.user) is not None:
            initial["record"] = reference
        return initial

    def form_valid(self, form):
        response = super().form_valid(form)
        services.task_assigned(self.object, by=self.request.user)
        return response

    def get_success_message(self):
        if self.object.assignee_id == self.request.user.pk:
            return _("Task “%(task)s” added to your work.") % {"task": self.object}
        return _("Task “%(task)s” given to %(name)s, who has been notified.") % {
            "task": self.object,
            "name": self.object.assignee.get_full_name() or self.object.assignee.get_username(),
        }


class TaskUpdate(TaskFormMixin, RecordUpdateView):
    list_url_name = "work:my_work"

    def form_valid(self, form):
        reassigned = "assignee" in form.changed_data
        response = super().form_valid(form)
        if reassigned:
            services.task_assigned(self.object, by=self.request.user)
        return response


class TaskDetail(RecordDetailView):
    model = Task
    template_name = "work/task_detail.html"

    def get_queryset(self):
        return Task.objects.select_related("assignee", "created_by", "done_by")


class TaskDelete(RecordDeleteView):
    model = Task

    def get_success_url(self):
        return reverse("work:my_work")


@require_POST
@permission_required("work.change_task")
def task_done(request, pk):
    """Marks a task done, or open again (`reopen`)."""
    task = get_object_or_404(Task, pk=pk)
    with transaction.atomic():
        if "reopen" in request.POST:
            services.task_reopen(task)
            messages.success(request, _("Task “%(task)s” is open again.") % {"task": task})
        else:
            services.task_done(task, by=request.user)
            messages.success(request, _("Task “%(task)s” done.") % {"task": task})
    return HttpResponseRedirect(_next_url(request, reverse("work:my_work")))

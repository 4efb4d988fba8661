from operator import itemgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from contacts.timeline import log_interaction
from liaison.reference.models import ExchangeRate
from liaison.web.access import ModelPermissionMixin, permission_required
from liaison.web.exports import ExportMixin
from liaison.web.lists import RecordListView
from liaison.web.records import RecordCreateView, RecordDeleteView, RecordDetailView, RecordUpdateView

from . import money
from .filters import OpportunityFilter
from .forms import MilestoneForm, MilestoneFormSet, OpportunityForm, StatusForm
from .models import FundingOpportunity, Milestone
from .services import opportunity_change_status
from .timelines import OpportunityTimeline


def _amount_range(opportunity):
    low, high = opportunity.amount_min, opportunity.amount_max
    return " \N{EN DASH} ".join(money.format_amount(a, opportunity.currency) for a in (low, high) if a is not None)


class OpportunityListView(RecordListView):
    model = FundingOpportunity
    filterset_class = OpportunityFilter
    template_name = "funding/opportunity_list.html"
    export_columns = [
        (gettext_lazy("Title"), "title"),
        (gettext_lazy("Funder"), "funder"),
        (gettext_lazy("Kind"), "kind"),
        (gettext_lazy("Status"), "status"),
        (gettext_lazy("Deadline (Kuala Lumpur)"), "deadline"),
        (gettext_lazy("Currency"), "currency"),
        (gettext_lazy("Minimum amount"), "amount_min"),
        (gettext_lazy("Maximum amount"), "amount_max"),
        (gettext_lazy("Amount requested"), "amount_requested"),
        (gettext_lazy("Amount awarded"), "amount_awarded"),
        (gettext_lazy("Probability (%)"), "probability"),
        (gettext_lazy("Decision date"), "decision_date"),
        (gettext_lazy("Owner"), "owner"),
        (gettext_lazy("Link"), "link"),
    ]

    def get_export_columns(self):
        # Labels in the language of the request, not of the process that imported the module.
        return [(str(label), accessor) for label, accessor in self.export_columns]

    def get_queryset(self):
        # Built per request: "nearest" is counted from now.
        return FundingOpportunity.objects.select_related("funder", "owner").by_nearest_deadline()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("funding.add_fundingopportunity"):
            context["create_url"] = reverse("funding:opportunity_create")
        return context


class PipelineView(ModelPermissionMixin, ExportMixin, TemplateView):
    """Count and value in MYR by status, weighted by probability, for the filtered opportunities.

    `?export=csv|xlsx` gives the same table.
    """

    model = FundingOpportunity
    template_name = "funding/pipeline.html"
    export_filename = "funding-pipeline"

    @cached_property
    def filterset(self):
        return OpportunityFilter(self.request.GET, queryset=FundingOpportunity.objects.all())

    @cached_property
    def pipeline(self):
        queryset = self.filterset.qs if self.filterset.is_valid() else FundingOpportunity.objects.none()
        return money.pipeline(queryset)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, pipeline=self.pipeline, **kwargs)

    def get_export_columns(self):
        labels = (_("Status"), _("Count"), _("Value (MYR)"), _("Weighted (MYR)"), _("Not converted (no exchange rate)"))
        return [(label, itemgetter(index)) for index, label in enumerate(labels)]

    def get_export_queryset(self):
        rows = [(label, total) for _status, label, total in self.pipeline.rows] + [(_("Total"), self.pipeline.total)]
        return [_pipeline_row(label, total) for label, total in rows]


def _pipeline_row(label, total):
    apart = "; ".join(money.format_amount(value, currency) for currency, value, _w in total.unconverted_list)
    return [str(label), total.count, total.value_myr, total.weighted_myr, apart]


class OpportunityDetailView(RecordDetailView):
    model = FundingOpportunity
    template_name = "funding/opportunity_detail.html"
    queryset = FundingOpportunity.objects.select_related(
        "funder", "lead_applicant", "partnership", "owner"
    ).prefetch_related("co_applicants", "themes", "sdgs", "milestones")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        opportunity = self.object
        user = self.request.user
        rates = ExchangeRate.objects.latest_rates()
        context.update(
            amount_range=_amount_range(opportunity),
            value_myr=money.to_myr(opportunity.value, opportunity.currency, rates),
            rate=rates.get(opportunity.currency),
            **OpportunityTimeline(opportunity).context(user),
            can_change=user.has_perm("funding.change_fundingopportunity"),
            status_form=StatusForm(initial={"status": opportunity.status}),
            milestone_form=MilestoneForm(prefix="milestone"),
        )
        return context


class MilestonesFormsetMixin:
    list_url_name = "funding:opportunity_list"
    """Create and edit save the opportunity and its milestones together, or neither."""

    form_class = OpportunityForm

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        instance = self.object if self.object and self.object.pk else FundingOpportunity()
        formset = MilestoneFormSet(data, instance=instance, prefix="milestones")
        formset.legend = _("Milestones")
        return formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formsets", [self.get_formset()])
        return context

    def form_valid(self, form):
        formset = self.get_formset()
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formsets=[formset]))
        with transaction.atomic():
            response = super().form_valid(form)
            formset.instance = self.object
            formset.save()
        return response


class OpportunityCreateView(MilestonesFormsetMixin, RecordCreateView):
    model = FundingOpportunity


class OpportunityUpdateView(MilestonesFormsetMixin, RecordUpdateView):
    model = FundingOpportunity


class OpportunityDeleteView(RecordDeleteView):
    model = FundingOpportunity
    success_url = reverse_lazy("funding:opportunity_list")


@permission_required("funding.change_fundingopportunity")
def opportunity_status(request, pk):
    """The status form: GET shows it, POST changes the status through the service."""
    opportunity = get_object_or_404(FundingOpportunity.objects.select_related("funder"), pk=pk)
    form = StatusForm(request.POST or None, initial={"status": opportunity.status})
    if request.method == "POST" and form.is_valid():
        try:
            opportunity_change_status(opportunity=opportunity, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("%(name)s is now %(status)s.")
                % {"name": opportunity, "status": FundingOpportunity.Status(form.cleaned_data["status"]).label},
            )
            return HttpResponseRedirect(opportunity.get_absolute_url())
    return render(request, "funding/opportunity_status.html", {"object": opportunity, "form": form})


@permission_required("funding.add_milestone")
def milestone_add(request, pk):
    opportunity = get_object_or_404(FundingOpportunity, pk=pk)
    form = MilestoneForm(request.POST or None, prefix="milestone")
    if request.method == "POST" and form.is_valid():
        form.instance.opportunity = opportunity
        milestone = form.save()
        messages.success(request, _("Milestone “%(label)s” added.") % {"label": milestone.label})
        return HttpResponseRedirect(opportunity.get_absolute_url())
    return render(request, "funding/milestone_form.html", {"object": opportunity, "form": form})


@require_POST
@permission_required("funding.change_milestone")
def milestone_done(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("opportunity"), pk=pk)
    if milestone.done_on is None:
        milestone.done_on = timezone.localdate()
        milestone.save(update_fields=["done_on", "updated_at"])
        messages.success(request, _("Milestone “%(label)s” marked done.") % {"label": milestone.label})
    return HttpResponseRedirect(milestone.opportunity.get_absolute_url())


@permission_required("contacts.add_interaction", "funding.view_fundingopportunity")
def opportunity_log_interaction(request, pk):
    return log_interaction(request, OpportunityTimeline(get_object_or_404(FundingOpportunity, pk=pk)))
